package dev.abilint.model;

/**
 * One entry of a module's {@code PyModuleDef_Slot} array as read from the binary's data.
 *
 * @param id the slot number ({@code Py_mod_exec} is 2)
 * @param name the slot's name in CPython's {@code Include/moduleobject.h}, or {@code slot N} for one it does not name
 * @param value the value: a constant's name ({@code Py_MOD_GIL_NOT_USED}), {@code pointer}, or a number
 */
public record ModuleSlot(int id, String name, String value) {}
