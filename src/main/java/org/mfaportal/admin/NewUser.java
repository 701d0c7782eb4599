package org.mfaportal.admin;

import java.io.Serializable;
import java.util.Set;

/** What an admin types to create an account; checked by {@link AdminUserService#createUser}. */
public record NewUser(String username, String displayName, String email, Set<String> groups) implements Serializable {
}
