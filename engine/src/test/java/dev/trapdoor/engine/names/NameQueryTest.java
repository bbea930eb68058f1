package dev.trapdoor.engine.names;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameQueryTest {
    @Test
    void qualifiedNameDropsReturnTypeParametersAndQualifiers() {
        assertEquals("shop::Inventory::add", NameQuery.qualifiedName("shop::Inventory::add(Item const&, int)"));
        assertEquals("max<int>", NameQuery.qualifiedName("int max<int>(int, int)"));
        assertEquals("shop::Item::operator()", NameQuery.qualifiedName("shop::Item::operator()() const"));
        assertEquals("Inventory::count", NameQuery.qualifiedName("Inventory::count() const"));
        assertEquals("mycrate::main::{closure#0}", NameQuery.qualifiedName("mycrate::main::{closure#0}"));
        assertEquals("shop::Item::draw", NameQuery.qualifiedName("shop::Item::draw() (.cold)"));
    }

    @Test
    void aQueryMatchesTheWholeNameOrATrailingPart() {
        String add = Demangle.demangle("_ZN4shop9Inventory3addERK4Itemi");
        assertTrue(NameQuery.matches(add, "Inventory::add"));
        assertTrue(NameQuery.matches(add, "shop::Inventory::add"));
        assertTrue(NameQuery.matches(add, "add"));
        assertTrue(NameQuery.matches(add, "shop::Inventory::add(Item const&, int)"));
        assertFalse(NameQuery.matches(add, "ventory::add"));
        assertFalse(NameQuery.matches(add, "Inventory"));
        String push = Demangle.demangle("_ZN4shop5StackIiE4pushERKi");
        assertTrue(NameQuery.matches(push, "Stack<int>::push"));
        assertTrue(NameQuery.matches(push, "Stack::push"));
        assertTrue(NameQuery.matches(Demangle.demangle("_RNvCs5Yv7cfMH4In_5stdio4main"), "stdio::main"));
        assertFalse(NameQuery.matches(add, " "));
    }
}
