package org.mfaportal.admin;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** The admin's group choice on a form: known groups picked from a list plus new ones typed, comma-separated. */
final class GroupInput {

    private GroupInput() {
    }

    static Set<String> combine(Collection<String> picked, String typed) {
        Set<String> groups = new TreeSet<>();
        if (picked != null) {
            picked.stream().filter(group -> group != null && !group.isBlank()).map(String::strip).forEach(groups::add);
        }
        if (typed != null) {
            Arrays.stream(typed.split(",")).map(String::strip).filter(group -> !group.isEmpty()).forEach(groups::add);
        }
        return groups;
    }
}
