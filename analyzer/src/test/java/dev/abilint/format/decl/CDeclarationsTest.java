package dev.abilint.format.decl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CDeclarationsTest {

    private static String names(String source) {
        return CDeclarations.parse("h.h", source).stream().map(Declaration::name).collect(Collectors.joining(","));
    }

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '|', value = {
        "int f(void);|f",
        "void *g(int a, char **b);|g",
        "const struct s *h(struct s *x, ...);|h",
        "unsigned long long  k ( int ( *cb ) ( int ) );|k",
        "MYLIB_API int exported(void);|exported",
        "PyAPI_FUNC(PyObject *) PyList_New(Py_ssize_t size);|PyList_New",
        "__declspec(dllexport) int __stdcall win(int);|win",
        "int attr(void) __attribute__((visibility(\"default\"), nonnull(1)));|attr",
        "__attribute__((deprecated)) int old(void);|old",
        "[[nodiscard]] int c23(void);|c23",
        "extern int ext(int);|ext",
        "extern \"C\" int one(int);|one",
        "int a(void), b;|''",
        "static int hidden(void);|''",
        "static inline int inl(void) { return 0; }|''",
        "typedef int (*callback)(int);|''",
        "typedef int fn_t(int);|''",
        "int (*fp)(int);|''",
        "int x = compute(1);|''",
        "DECLARE_THING(foo);|''",
        "struct s { int (*m)(int); };|''",
        "enum e { A, B };|''",
        "int arr[10];|''",
        "int f1(void); int f2(int); long f3(long);|f1,f2,f3",
        "int def(void) { return 1; } int after(void);|after",
        "extern \"Python\" int py_callback(int);|''",
        "extern \"Python+C\" { int pyc(int); } int real(void);|real",
        "namespace ns { int cpp(int); } int c_side(void);|c_side",
        "int asm_named(void) __asm__(\"_real_name\");|asm_named",
        "typedef struct { int a; } T; T make(void);|make",
    })
    void declarations(String source, String expected) {
        assertEquals(expected, names(source));
    }

    @Test
    void skipsCommentsStringsAndPreprocessorAndKeepsLines() {
        String header = """
                /* int commented(void); */
                // int also_commented(void);
                #define MACRO(x) int from_macro(void); \\
                    int continued_define(void);
                #ifdef __cplusplus
                extern "C" {
                #endif

                int first(const char *s /* int inner(void); */);
                const char *msg = "int in_string(void);";
                MYLIB_EXPORT
                int
                second(int a,
                       int b);

                #ifdef __cplusplus
                }
                #endif
                int third(void);
                """;
        List<Declaration> d = CDeclarations.parse("inc/lib.h", header);
        assertEquals(List.of(new Declaration("first", "inc/lib.h", 9), new Declaration("second", "inc/lib.h", 13),
                new Declaration("third", "inc/lib.h", 19)), d);
        assertEquals("inc/lib.h:9", d.get(0).location());
    }

    @Test
    void firstLineOffset() {
        assertEquals(List.of(new Declaration("f", "x.py", 12)), CDeclarations.parse("x.py", "\n\nint f(void);", 10));
    }

    @Test
    void hostileTextIsBoundedAndNeverThrows() {
        String[] inputs = {"(((((((((", "}}}}}}}", "{{{{{{{", "int f(", "\"unterminated", "/* open", "#define X \\",
            "extern \"C\" {", "extern", "int f(void) __attribute__((", "[[", "int ((((f))));", ")))))((((;"};
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String s : inputs) {
                CDeclarations.parse("x.h", s);
                CDeclarations.parse("x.h", s.repeat(20_000));
            }
        });
    }
}
