package dev.abilint.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * What a Python extension module's binary says about how it meets the interpreter, read without running it:
 * its init style and module definition (with the slot array), whether it declares that it runs without the
 * GIL, whether it supports sub-interpreters, whether it ever releases the GIL, which allocators it uses and
 * whether its types are static or heap types. Facts, not judgements; null fields are not known.
 *
 * @param module the module name its init function is for ({@code PyInit_<module>})
 * @param init {@code multi-phase} (imports {@code PyModuleDef_Init}), {@code single-phase}
 *     ({@code PyModule_Create2} only) or {@code unknown}
 * @param def how the {@code PyModuleDef} was found: {@code read}, {@code not-found}, {@code ambiguous}
 *     or {@code unreadable} (found, but its slot array could not be read)
 * @param defName the definition's {@code m_name}
 * @param slots the slot array, when the definition was read and has one
 * @param gil {@code not-used} (declared with {@code Py_mod_gil} or {@code PyUnstable_Module_SetGIL}),
 *     {@code used} (declared or, where the slots were read, by default) or null when not known
 * @param gilDeclaredBy what declares it: {@code Py_mod_gil}, {@code PyUnstable_Module_SetGIL} or {@code default}
 * @param subinterpreters {@code per-interpreter-gil}, {@code shared-gil}, {@code not-supported} or null
 * @param releasesGil whether it imports the functions that release the GIL ({@code PyEval_SaveThread},
 *     what {@code Py_BEGIN_ALLOW_THREADS} expands to, or {@code PyEval_ReleaseThread})
 * @param gilApis the GIL and thread-state functions it imports
 * @param allocators the allocator families it imports, each with the functions
 * @param types {@code static} ({@code PyType_Ready} only), {@code heap} ({@code PyType_FromSpec*} only),
 *     {@code static-and-heap}, or null when it creates no types through either
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"module", "init", "def", "defName", "slots", "gil", "gilDeclaredBy", "subinterpreters",
    "releasesGil", "gilApis", "allocators", "types"})
public record PythonFacts(String module, String init, String def, String defName, List<ModuleSlot> slots,
        String gil, String gilDeclaredBy, String subinterpreters, boolean releasesGil, List<String> gilApis,
        Map<String, List<String>> allocators, String types) {}
