package dev.abilint.format.classfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.format.classfile.JniNames.Demangled;
import dev.abilint.model.JavaClass.NativeMethod;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JniNamesTest {

    @ParameterizedTest(name = "mangle({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
        "abc|abc",
        "ABC019|ABC019",
        "a_b|a_1b",
        "java/lang/String|java_lang_String",
        "Ljava/lang/String;|Ljava_lang_String_2",
        "[I|_3I",
        "[[Ljava/lang/Object;|_3_3Ljava_lang_Object_2",
        "Outer$Inner|Outer_00024Inner",
        "größe|gr_000f6_000dfe",
        "名前|_0540d_0524d",
        "a-b|a_0002db",
        "a.b|a_b",
    })
    void mangles(String in, String expected) {
        assertEquals(expected, JniNames.mangle(in));
    }

    @Test
    void surrogatePairsAreTwoCodeUnits() {
        // U+1F600 is the UTF-16 pair D83D DE00
        assertEquals("x_0d83d_0de00", JniNames.mangle("x\uD83D\uDE00"));
    }

    @Test
    void shortAndLongNames() {
        NativeMethod add = new NativeMethod("p/q/Calc", "add", "(I[JLjava/lang/String;)I", true);
        assertEquals("Java_p_q_Calc_add", JniNames.shortName(add));
        assertEquals("Java_p_q_Calc_add__I_3JLjava_lang_String_2", JniNames.longName(add));
        NativeMethod none = new NativeMethod("p/q/Calc", "add", "()V", false);
        assertEquals("Java_p_q_Calc_add__", JniNames.longName(none));
    }

    @Test
    void javacNameIsLongOnlyForOverloadsAmongNatives() {
        NativeMethod a = new NativeMethod("C", "f", "(I)V", true);
        NativeMethod b = new NativeMethod("C", "f", "(J)V", true);
        NativeMethod g = new NativeMethod("C", "g", "(J)V", true);
        List<NativeMethod> all = List.of(a, b, g);
        assertEquals("Java_C_f__I", JniNames.javacName(a, all));
        assertEquals("Java_C_f__J", JniNames.javacName(b, all));
        assertEquals("Java_C_g", JniNames.javacName(g, all));
    }

    @ParameterizedTest(name = "matches({0}, {1}, {2}) = {3}")
    @CsvSource(delimiter = '|', value = {
        "p/C|f|(I)V|Java_p_C_f|true",
        "p/C|f|(I)V|Java_p_C_f__I|true",
        "p/C|f|(I)V|Java_p_C_f__J|false",
        "p/C|f|(I)V|Java_p_C_f__|false",
        "p/C|f|()V|Java_p_C_f__|true",
        "p/C|f|(I)V|Java_p_C_fg|false",
        "p/C|f|(I)V|Java_p_C_f_1|false",
        "p/C|f|(I)V|_Java_p_C_f@12|true",
        "p/C|f|(I)V|Java_p_C_f__I@12|true",
        "p/C|f|(I)V|Java_p_D_f|false",
        "p/C|f|(I)V|Jav_p_C_f|false",
        "p/C|f|(I)V|''|false",
        "p/C$D|f|(I)V|Java_p_C_00024D_f|true",
        "p/C$D|f|(I)V|Java_p_C_D_f|false",
        "p/C|f_g|(I)V|Java_p_C_f_g|false",
        "p/C|f_g|(I)V|Java_p_C_f_1g|true",
    })
    void matches(String owner, String method, String descriptor, String export, boolean expected) {
        assertEquals(expected, JniNames.matches(new NativeMethod(owner, method, descriptor, true), export));
    }

    @ParameterizedTest(name = "demangle({0})")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "Java_p_q_Calc_add|p/q/Calc|add|NULL",
        "Java_p_q_Calc_add__|p/q/Calc|add|''",
        "Java_p_q_Calc_add__I_3JLjava_lang_String_2|p/q/Calc|add|I[JLjava/lang/String;",
        "Java_p_q_Calc_add___3_3I|p/q/Calc|add|[[I",
        "Java_dev_abilint_fixture_jni_Natives__000fcn_000efc_000f6d_000e9_1_0540d_0524d|dev/abilint/fixture/jni/Natives|ünïcödé_名前|NULL",
        "Java_dev_abilint_fixture_under_1score_My_1Lib__1leading|dev/abilint/fixture/under_score/My_Lib|_leading|NULL",
        "Java_x_Odd_00024Name_hello|x/Odd$Name|hello|NULL",
        "Java_C_f|C|f|NULL",
        "_Java_C_f@8|C|f|NULL",
        "Java_C_f__I@8|C|f|I",
    })
    void demangles(String export, String className, String method, String args) {
        Demangled d = JniNames.demangle(export);
        assertEquals(new Demangled(className, method, args), d);
    }

    @ParameterizedTest(name = "not JNI: {0}")
    @CsvSource(delimiter = '|', value = {
        "malloc", "Java_", "Java_C", "Java_C_", "Java__f", "Java_C_f_0zzzz", "Java_C_f_00A4b", "Java_C_f_0ab",
        "JNI_OnLoad", "Java_C_f__I__J", "java_C_f", "Java_C_fé",
    })
    void rejects(String export) {
        assertNull(JniNames.demangle(export), export);
    }

    @Test
    void demangleInvertsMangleForAwkwardNames() {
        String[][] cases = {
            {"a/b_c/D$E", "m_1", "(Ljava/lang/String;[[I)V"},
            {"Odd$Name", "größe", "()V"},
            {"x/y", "_0", "(J)J"},
            {"x/Y", "名前", "([Ljava/util/List;)V"},
        };
        for (String[] c : cases) {
            NativeMethod m = new NativeMethod(c[0], c[1], c[2], false);
            Demangled shortForm = JniNames.demangle(JniNames.shortName(m));
            assertEquals(new Demangled(c[0], c[1], null), shortForm, JniNames.shortName(m));
            Demangled longForm = JniNames.demangle(JniNames.longName(m));
            assertEquals(new Demangled(c[0], c[1], JniNames.argumentTypes(c[2])), longForm, JniNames.longName(m));
            assertTrue(JniNames.matches(m, JniNames.shortName(m)));
            assertTrue(JniNames.matches(m, JniNames.longName(m)));
        }
        assertFalse(JniNames.matches(new NativeMethod("a", "b", "()V", true), null));
        assertEquals("a.b_c.D$E", JniNames.demangle("Java_a_b_1c_D_00024E_m").binaryName());
    }
}
