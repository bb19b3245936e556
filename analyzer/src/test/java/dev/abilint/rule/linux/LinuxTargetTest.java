package dev.abilint.rule.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.format.Bytes;
import dev.abilint.format.elf.ElfReader;
import dev.abilint.model.Analysis;
import dev.abilint.model.Binary;
import dev.abilint.model.Finding;
import dev.abilint.model.Platform;
import dev.abilint.rule.AllRules;
import dev.abilint.rule.Rule;
import dev.abilint.rule.RuleCatalogue;
import dev.abilint.rule.RuleEngine;
import dev.abilint.rule.Targets;
import dev.abilint.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The linux-* rules judge files for Linux only. Solaris, illumos and the BSDs use ELF with OSABI 0 too;
 * the reader tells them apart by what the file holds. The fixtures are our own Linux builds with one
 * string changed in place (same length, so every offset stays valid): a needed library renamed to
 * Solaris' {@code libc.so.1} or DragonFly's {@code libc.so.8}, or the {@code .comment} section renamed
 * to {@code .SUNW_cp} as Solaris' link-editor names its own sections.
 */
class LinuxTargetTest {
    private static byte[] fixture(String name) {
        return Fixtures.bytes(Fixtures.file("elf/x86_64/" + name));
    }

    private static byte[] patch(byte[] data, String from, String to) {
        return Fixtures.patched(data, from, to);
    }

    private static Binary read(String location, byte[] data) throws Exception {
        return new ElfReader().read(location, Bytes.of(data)).get(0);
    }

    private static Set<String> linuxFindings(Binary b) {
        List<Rule> rules = new ArrayList<>();
        for (Rule r : AllRules.all()) {
            if (r.getClass().getPackageName().equals(LinuxTargetTest.class.getPackageName())) {
                rules.add(r);
            }
        }
        List<Finding> findings = new RuleEngine(rules, RuleCatalogue.get())
                .run(new Analysis(List.of(b.getPath()), List.of(), List.of(b), List.of(), List.of()), Targets.none());
        Set<String> out = new TreeSet<>();
        findings.forEach(f -> out.add(f.ruleId()));
        return out;
    }

    @Test
    void linuxBuildsGetTheLinuxFindings() throws Exception {
        Binary execStack = read("libexecstack.so", fixture("libexecstack.so"));
        assertEquals("linux", execStack.getPlatform().os());
        assertTrue(linuxFindings(execStack).contains("linux-exec-stack"));
        Binary exe = read("demo-exe", fixture("demo-exe"));
        assertEquals("linux", exe.getPlatform().os());
        assertTrue(linuxFindings(exe).contains("linux-rpath-absolute"));
    }

    @Test
    void solarisSectionsMakeASolarisFileThatNoLinuxRuleJudges() throws Exception {
        Binary b = read("libexecstack.so", patch(fixture("libexecstack.so"), ".comment", ".SUNW_cp"));
        assertEquals("solaris", b.getPlatform().os());
        assertEquals(Set.of(), linuxFindings(b));
    }

    /** libdemo.so (no ABI-tag note) with its RPATH made absolute: a Linux file with a finding to lose. */
    private static byte[] absoluteRpath() {
        return patch(fixture("libdemo.so"), "$ORIGIN/../lib", "/usr/ccs/lib64");
    }

    @Test
    void solarisLibrariesMakeASolarisFile() throws Exception {
        assertTrue(linuxFindings(read("libdemo.so", absoluteRpath())).contains("linux-rpath-absolute"));
        Binary b = read("libdemo.so", patch(absoluteRpath(), "libc.so.6", "libc.so.1"));
        assertEquals("solaris", b.getPlatform().os());
        assertEquals(Set.of(), linuxFindings(b), "a Solaris RPATH is not judged by Linux rules");
    }

    @Test
    void dragonflyLibcMakesADragonflyFile() throws Exception {
        Binary b = read("libdemo.so", patch(absoluteRpath(), "libc.so.6", "libc.so.8"));
        assertEquals("dragonfly", b.getPlatform().os());
        assertEquals(Set.of(), linuxFindings(b));
    }

    @Test
    void theGnuAbiTagNoteSaysLinuxWhateverTheFileNeeds() throws Exception {
        Binary b = read("demo-exe", patch(fixture("demo-exe"), "libc.so.6", "libc.so.1"));
        assertEquals("linux", b.getPlatform().os());
    }

    @Test
    void androidLogLibraryMakesAnAndroidFile() throws Exception {
        Binary b = read("libdemo.so", patch(absoluteRpath(), "libc.so.6", "liblog.so"));
        assertEquals(new Platform("android", "x86_64", "bionic"), b.getPlatform());
        assertEquals(Set.of(), linuxFindings(b), "linux-rpath-absolute is for Linux, not Android");
    }

    @Test
    void aPathThatNamesAnotherOsWinsOverAnOsabiZeroHeader() throws Exception {
        Binary b = read("x.jar!/com/sun/jna/freebsd-x86-64/libexecstack.so", fixture("libexecstack.so"))
                .declaredPlatform(new Platform("freebsd", "x86_64", null));
        assertEquals(Set.of(), linuxFindings(b));
    }
}
