package dev.abilint.rule;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.abilint.model.Severity;

/** A row of the rule catalogue ({@code rules/catalogue.json}). */
@JsonPropertyOrder({"id", "family", "severity", "title"})
public record RuleInfo(String id, String family, Severity severity, String title) {}
