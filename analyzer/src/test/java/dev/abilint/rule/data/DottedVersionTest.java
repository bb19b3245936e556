package dev.abilint.rule.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DottedVersionTest {

    @ParameterizedTest
    @CsvSource({
        "2.2.5, 2.14, -1",
        "2.14, 2.2.5, 1",
        "3.9, 3.13, -1",
        "2.17, 2.17, 0",
        "2.17, 2.17.0, 0", // a missing part is 0
        "10_15, 10.14, 1", // '_' separates like '.' (macOS 10_15 in platform tags)
        "11.0, 10.15.7, 1",
        "2.3.4, 2.3, 1",
        "1.2rc1, 1.2, 0", // a part's number is its leading digits
        "'', 0, 0",
        "999999999999999, 1, 1", // long parts are cut at 12 digits, never overflow
    })
    void comparesPartsNumerically(String a, String b, int expected) {
        assertEquals(expected, Integer.signum(DottedVersion.compare(a, b)));
        assertEquals(-expected, Integer.signum(DottedVersion.compare(b, a)));
    }

    @ParameterizedTest
    @CsvSource({"cp38, 3.8", "cp313t, 3.13", "cp312, 3.12"})
    void pythonVersionFromTag(String tag, String version) {
        assertEquals(version, DottedVersion.pythonFromTag(tag));
    }

    @ParameterizedTest
    @CsvSource({"py3", "abi3", "cp2", "pp310"})
    void noPythonVersionFromOtherTags(String tag) {
        assertNull(DottedVersion.pythonFromTag(tag));
    }
}
