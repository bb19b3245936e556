package dev.abilint.rule.artifact;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.Severity;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import java.util.List;
import java.util.Map;

/**
 * A native library stored uncompressed in an APK at an offset that is not a multiple of the page size: with
 * {@code extractNativeLibs="false"} (what the Android Gradle plugin sets whenever it stores libraries
 * uncompressed) the dynamic linker maps the library straight from the APK, which only works at a page-aligned
 * offset. Devices with 16 KiB pages (arm64 and x86_64, from Android 15) need 16 KiB; 32-bit ABIs 4 KiB. A
 * compressed library is extracted at install and its zip offset does not matter. The ELF segments' own
 * alignment is {@code native-page-alignment}'s.
 */
public final class ApkNativeLibraryUnaligned implements AnalysisRule {
    @Override
    public String id() {
        return "apk-native-library-unaligned";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        for (Artifact artifact : analysis.artifacts()) {
            Map<String, Object> storage = Artifacts.map(artifact, "nativeLibraryStorage");
            if (storage.isEmpty()) {
                continue;
            }
            if (storage.get("unreadable") != null) {
                context.report(artifact.getPath(), "the zip offsets of the APK's native libraries cannot be read ("
                                + storage.get("unreadable") + "): their 16 KiB alignment is not checked")
                        .severity(Severity.NOTE)
                        .evidence("reason", storage.get("unreadable"))
                        .key("unreadable")
                        .emit();
                continue;
            }
            Object libraries = storage.get("libraries");
            if (!(libraries instanceof List<?> list)) {
                continue;
            }
            for (Object item : list) {
                if (item instanceof Map<?, ?> lib) {
                    check(artifact, lib, context);
                }
            }
        }
    }

    private void check(Artifact artifact, Map<?, ?> lib, RuleContext context) {
        String entry = String.valueOf(lib.get("entry"));
        String location = artifact.getPath() + "!/" + entry;
        if (lib.get("unreadable") != null) {
            context.report(location, "the zip offset of this native library cannot be read (" + lib.get("unreadable")
                            + "): its alignment is not checked")
                    .severity(Severity.NOTE)
                    .key("unreadable")
                    .emit();
            return;
        }
        if (!Boolean.TRUE.equals(lib.get("stored")) || !(lib.get("dataOffset") instanceof Number offset)) {
            return;
        }
        String abi = entry.split("/")[1];
        long page = abi.equals("arm64-v8a") || abi.equals("x86_64") ? 16384 : 4096;
        if (offset.longValue() % page == 0) {
            return;
        }
        context.report(location, "stored uncompressed at offset " + offset.longValue() + ", which is "
                        + (page == 16384 ? "not 16 KiB-aligned" : "not 4 KiB-aligned") + " (alignment "
                        + lib.get("alignment") + "): with extractNativeLibs=\"false\" the library cannot be mapped "
                        + "from the APK" + (page == 16384 ? " on devices with 16 KiB pages" : ""))
                .evidence("abi", abi)
                .evidence("dataOffset", offset.longValue())
                .evidence("alignment", lib.get("alignment"))
                .evidence("required", page)
                .fix("Align the APK with zipalign -P 16 -f 4 (Android Gradle plugin 8.5.1 or later does it), or "
                        + "compress the native libraries (useLegacyPackaging = true) so they are extracted at install.")
                .key(abi)
                .emit();
    }
}
