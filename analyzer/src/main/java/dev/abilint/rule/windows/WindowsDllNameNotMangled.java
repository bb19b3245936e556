package dev.abilint.rule.windows;

import dev.abilint.model.Analysis;
import dev.abilint.model.Binary;
import dev.abilint.model.Locations;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.Listing;
import dev.abilint.rule.RuleContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DLL bundled in a wheel under its plain name ({@code libcrypto-3-x64.dll}, {@code msvcp140.dll}) and loaded
 * by name by a file of the wheel. Windows keeps one module per base name in a process: when another package
 * (or the interpreter) has already loaded a DLL of that name, the loader uses that one, whatever version it is.
 * delvewheel avoids it by renaming each bundled DLL after its hash ({@code msvcp140-<32 hex>.dll}) and
 * rewriting the imports. A note: nothing fails until two packages meet in one process.
 */
public final class WindowsDllNameNotMangled implements AnalysisRule {
    @Override
    public String id() {
        return "windows-dll-name-not-mangled";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        for (WheelDlls wheel : WheelDlls.of(analysis).values()) {
            Map<String, List<String>> importers = new LinkedHashMap<>();
            for (Binary user : wheel.files) {
                for (String needed : user.getNeeded()) {
                    String name = needed.toLowerCase(Locale.ROOT);
                    Binary dll = wheel.bundled.get(name);
                    if (dll == null || dll == user || !name.endsWith(".dll") || WheelDlls.mangled(name)
                            || WindowsDlls.isInterpreter(needed) || WindowsDlls.isSystem(needed)) {
                        // vcruntime140*.dll: python.org's CPython has loaded its own copy already, and delvewheel
                        // leaves it unbundled; a bundled copy is never used, which is not this rule's business
                        continue;
                    }
                    List<String> users = importers.computeIfAbsent(dll.getPath(), k -> new ArrayList<>());
                    String userName = Locations.fileName(user.getPath());
                    if (!users.contains(userName)) {
                        users.add(userName);
                    }
                }
            }
            importers.forEach((path, users) -> context.report(path, Locations.fileName(path)
                            + " is bundled under its plain name and loaded by name (by " + Listing.firstFew(users)
                            + "): if another package or the interpreter loaded a DLL of that name first, Windows "
                            + "gives this wheel that one, whatever its version")
                    .evidence("dll", Locations.fileName(path))
                    .evidence("loadedBy", users)
                    .fix("Repair the wheel with delvewheel, which renames bundled DLLs after their hash and rewrites "
                            + "the imports (--no-mangle only for DLLs that must keep their name).")
                    .key("plain-name")
                    .emit());
        }
    }
}
