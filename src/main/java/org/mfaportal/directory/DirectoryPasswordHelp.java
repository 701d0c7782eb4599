package org.mfaportal.directory;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.mfaportal.account.UserAccount;
import org.mfaportal.config.PortalConfig;
import org.mfaportal.web.CurrentUser;

/**
 * For the security page: a directory user's password is the directory's, so the portal offers no password change or
 * reset and says where to change it instead ({@code mfa.directory.password-help-url}).
 */
@Named
@RequestScoped
public class DirectoryPasswordHelp {

    @Inject
    CurrentUser currentUser;

    @Inject
    PortalConfig config;

    public boolean isDirectoryUser() {
        return currentUser.account().map(UserAccount::isFromDirectory).orElse(false);
    }

    /** Where to change a directory password; null when not configured. */
    public String getUrl() {
        return config.directoryPasswordHelpUrl().orElse(null);
    }
}
