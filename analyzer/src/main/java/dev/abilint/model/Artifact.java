package dev.abilint.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Something a user ships and points abilint at: a loose binary, a directory, a wheel, a jar...
 * {@code facts} holds what its metadata says (wheel tags, manifest entries); {@code members} the
 * locations of the binaries and nested artifacts found inside it; {@code issues} what the walker
 * noticed while reading it, for rules to report.
 */
@JsonPropertyOrder({"path", "kind", "facts", "members"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class Artifact {
    private final String path;
    private final String kind;
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final List<String> members = new ArrayList<>();
    private final List<ArtifactIssue> issues = new ArrayList<>();

    public Artifact(String path, String kind) {
        this.path = path;
        this.kind = kind;
    }

    public String getPath() { return path; }
    public String getKind() { return kind; }
    public Map<String, Object> getFacts() { return facts; }
    public List<String> getMembers() { return members; }

    /** What the walker noticed while reading it (limits, unsafe names, RECORD); rules report these. */
    @JsonIgnore
    public List<ArtifactIssue> getIssues() { return issues; }
}
