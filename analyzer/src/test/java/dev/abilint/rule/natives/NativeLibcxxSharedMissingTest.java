package dev.abilint.rule.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.abilint.format.Bytes;
import dev.abilint.format.elf.ElfReader;
import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.Binary;
import dev.abilint.model.Finding;
import dev.abilint.rule.RuleCatalogue;
import dev.abilint.rule.RuleEngine;
import dev.abilint.rule.Targets;
import dev.abilint.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An Android library that needs libc++_shared.so in an AAR that does not bundle it. The library is our
 * own libdemo.so with two needed names changed in place (same length, so every offset stays valid):
 * {@code libc.so.6} to Android's {@code liblog.so}, {@code ld-linux-x86-64.so.2} to {@code libc++_shared.so}.
 */
class NativeLibcxxSharedMissingTest {
    private static byte[] patch(byte[] data, String from, String to) {
        return Fixtures.patched(data, from, to);
    }

    private static Binary read(String location, byte[] data) throws Exception {
        return new ElfReader().read(location, Bytes.of(data)).get(0);
    }

    private static byte[] androidCxxLibrary() {
        byte[] demo = Fixtures.bytes(Fixtures.file("elf/x86_64/libdemo.so"));
        return patch(patch(demo, "libc.so.6", "liblog.so"), "ld-linux-x86-64.so.2", "libc++_shared.so\0\0\0\0");
    }

    private static List<Finding> run(List<Binary> binaries) {
        return run("app.aar", binaries);
    }

    private static List<Finding> run(String archive, List<Binary> binaries) {
        Analysis analysis = new Analysis(List.of(archive), List.of(new Artifact(archive, "zip")), binaries, List.of(),
                List.of());
        return new RuleEngine(List.of(new NativeLibcxxSharedMissing()), RuleCatalogue.get()).run(analysis, Targets.none());
    }

    @Test
    void firesWhenTheRuntimeIsNotBundledForTheAbi() throws Exception {
        Binary lib = read("app.aar!/jni/x86_64/libdemo.so", androidCxxLibrary());
        assertEquals("android", lib.getPlatform().os());
        List<Finding> findings = run(List.of(lib));
        assertEquals(1, findings.size());
        assertEquals("app.aar", findings.get(0).location());
        assertEquals("libdemo.so needs libc++_shared.so on Android (x86_64), which is not bundled: loading fails with "
                + "'library \"libc++_shared.so\" not found' unless another dependency of the app ships it",
                findings.get(0).message());
    }

    @Test
    void aWarningInAnAarAnErrorInAWheel() throws Exception {
        assertEquals(dev.abilint.model.Severity.WARNING,
                run(List.of(read("app.aar!/jni/x86_64/libdemo.so", androidCxxLibrary()))).get(0).severity(),
                "the app that packs the AAR may ship the runtime");
        String wheel = "spam-0.1.0-cp313-cp313-android_24_x86_64.whl";
        List<Finding> findings = run(wheel, List.of(read(wheel + "!/spam/libdemo.so", androidCxxLibrary())));
        assertEquals(1, findings.size());
        assertEquals(dev.abilint.model.Severity.ERROR, findings.get(0).severity(), "nothing brings it to a wheel");
    }

    @Test
    void silentWhenTheRuntimeIsBundledNextToIt() throws Exception {
        List<Binary> binaries = new ArrayList<>();
        binaries.add(read("app.aar!/jni/x86_64/libdemo.so", androidCxxLibrary()));
        binaries.add(read("app.aar!/jni/x86_64/libc++_shared.so", Fixtures.bytes(Fixtures.file("elf/x86_64/libdemo.so"))));
        assertEquals(List.of(), run(binaries));
    }

    @Test
    void silentForLinuxLibraries() throws Exception {
        byte[] linux = patch(Fixtures.bytes(Fixtures.file("elf/x86_64/libdemo.so")), "ld-linux-x86-64.so.2",
                "libc++_shared.so\0\0\0\0");
        assertEquals(List.of(), run(List.of(read("app.aar!/lib/libdemo.so", linux))));
    }
}
