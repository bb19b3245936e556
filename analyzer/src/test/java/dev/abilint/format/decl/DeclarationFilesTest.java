package dev.abilint.format.decl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DeclarationFilesTest {

    private static List<String> names(List<Declaration> d) {
        return d.stream().map(Declaration::name).collect(Collectors.toList());
    }

    @Test
    void defFileExports() {
        String def = """
                ; a comment
                LIBRARY mylib
                DESCRIPTION "not an export"
                EXPORTS
                    plain
                    with_ordinal @2
                    renamed = internal_name @3 NONAME
                    data_symbol DATA
                    private_one PRIVATE ; still exported
                    "quoted name"
                    forwarded = other.dll.func
                    _stdcall_decorated@8
                VERSION 1.0
                EXPORTS more
                    last
                """;
        List<Declaration> d = DefFile.parse("lib.def", def);
        assertEquals(List.of("plain", "with_ordinal", "renamed", "data_symbol", "private_one", "quoted name",
                "forwarded", "_stdcall_decorated@8", "more", "last"), names(d));
        assertEquals(new Declaration("plain", "lib.def", 5), d.get(0));
        assertEquals(List.of(), DefFile.parse("x.def", "LIBRARY x\nplain\n"));
    }

    @Test
    void symbolList() {
        String list = "# exported\n\n  foo  \nbar # trailing\n_mac_style\n   \n#baz\nqux extra words\n";
        List<Declaration> d = SymbolList.parse("syms.txt", list);
        assertEquals(List.of("foo", "bar", "_mac_style", "qux"), names(d));
        assertEquals(new Declaration("foo", "syms.txt", 3), d.get(0));
    }

    @Test
    void cffiCdefStrings() {
        String py = """
                from cffi import FFI
                ffi = FFI()
                # ffi.cdef("int commented(void);")
                ffi.cdef(\"\"\"
                    int first(int);
                    /* int no(void); */
                    double second(double x);
                \"\"\")
                ffibuilder.cdef("int single(void);" 'int adjacent(void);')
                ffi.cdef(r'''
                    extern "Python" int callback(int);
                    void raw(void);
                ''')
                ffi.cdef(CDEF, override=True)
                CDEF = \"\"\"
                int from_variable(void);
                \"\"\"
                not_cdef("int no_either(void);")
                """;
        List<Declaration> d = PythonCffi.parse("build.py", py);
        assertEquals(List.of("first", "second", "single", "adjacent", "raw", "from_variable"), names(d));
        assertEquals(new Declaration("first", "build.py", 5), d.get(0));
        assertEquals(new Declaration("second", "build.py", 7), d.get(1));
        assertEquals(new Declaration("raw", "build.py", 12), d.get(4));
        assertEquals(new Declaration("from_variable", "build.py", 16), d.get(5));
    }

    @Test
    void ctypesHandlesAndUses() {
        String py = """
                import ctypes, ctypes.util
                from ctypes import CDLL, cdll
                libc = ctypes.CDLL(ctypes.util.find_library("c"))
                libc.printf(b"%d", 1)
                libc.strlen.argtypes = [ctypes.c_char_p]
                libm = cdll.LoadLibrary("libm.so.6")
                y = libm.cos(1.0)
                fn = getattr(libm, "sin")
                z = libm["tan"]
                libc._handle, libc.__class__
                class Wrapper:
                    def __init__(self, path):
                        self._lib = CDLL(path)
                    def go(self):
                        return self._lib.do_work()
                ctypes.CDLL(None).getpid()
                ctypes.cdll.msvcrt.puts(b"hi")
                # libc.commented()
                s = "libc.in_string()"
                other.unrelated()
                """;
        PythonCtypes.Result r = PythonCtypes.parse("mod.py", py);
        List<String> uses = r.uses().stream().map(u -> u.name() + "@" + u.library() + ":" + u.line())
                .collect(Collectors.toList());
        assertEquals(List.of("printf@c:4", "strlen@c:5", "cos@libm.so.6:7", "sin@libm.so.6:8", "tan@libm.so.6:9",
                "do_work@null:15", "getpid@null:16", "puts@msvcrt:17"), uses);
        List<String> libs = r.libraries().stream().map(l -> l.handle() + "=" + l.library())
                .collect(Collectors.toList());
        assertEquals(List.of("libc=c", "libm=libm.so.6", "self._lib=null", "null=null", "null=msvcrt"), libs);
        assertNull(r.uses().get(5).library());
    }
}
