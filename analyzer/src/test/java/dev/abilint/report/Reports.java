package dev.abilint.report;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.Binary;
import dev.abilint.model.Finding;
import dev.abilint.model.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made reports for writer tests: locations and strings that the fixtures cannot produce. */
final class Reports {
    private Reports() {}

    static Finding finding(String ruleId, Severity severity, String message, String location, Object... evidence) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < evidence.length; i += 2) {
            map.put((String) evidence[i], evidence[i + 1]);
        }
        return new Finding(ruleId, severity, message, location, map, "fix it", "abilint explain " + ruleId,
                Integer.toHexString((ruleId + location + message).hashCode()));
    }

    static Report of(List<Artifact> artifacts, List<Binary> binaries, List<Finding> findings, Severity failOn) {
        Analysis analysis = new Analysis(artifacts.stream().map(Artifact::getPath).toList(), artifacts, binaries,
                List.of(), List.of());
        return Report.of("scan", "test", analysis, findings, failOn);
    }

    /** A wheel with a member, a jar with a nested jar, and a path with a space and non-ASCII letters. */
    static Report archives() {
        List<Artifact> artifacts = List.of(new Artifact("dist/demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", "wheel"),
                new Artifact("lib/app.jar", "jar"), new Artifact("my dir/ünï.so", "binary"));
        List<Finding> findings = List.of(
                finding("linux-exec-stack", Severity.ERROR, "stack [RWE] is executable",
                        "dist/demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl!/demo/_core.cpython-312-x86_64-linux-gnu.so",
                        "segment", "PT_GNU_STACK"),
                finding("linux-textrel", Severity.WARNING, "text relocations",
                        "lib/app.jar!/lib/inner.jar!/natives/linux-x86_64/libx.so"),
                finding("linux-rpath-absolute", Severity.NOTE, "rpath /opt/x", "my dir/ünï.so", "rpath", List.of("/opt/x")));
        return of(artifacts, List.of(), findings, Severity.ERROR);
    }
}
