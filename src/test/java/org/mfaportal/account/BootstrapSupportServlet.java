package org.mfaportal.account;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Test deployments of {@link BootstrapAdminBrowserIT} only: runs the real bootstrap as on a fresh installation (the
 * deployment's admins are disabled for its duration, inside one transaction) and answers with the new admin's username.
 */
@WebServlet("/test-support/bootstrap-admin")
public class BootstrapSupportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    BootstrapAdmin bootstrap;

    @Inject
    UserTransaction transaction;

    @PersistenceContext
    EntityManager em;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String username = "boot-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            transaction.begin();
            List<Long> admins = em.createQuery("select u.id from UserAccount u join u.groups g where g = :admin and u.enabled = true", Long.class)
                    .setParameter("admin", UserAccount.ADMIN_GROUP).getResultList();
            em.createQuery("update UserAccount u set u.enabled = false where u.id in :ids").setParameter("ids", admins).executeUpdate();
            BootstrapAdmin.Outcome outcome = bootstrap.bootstrap(Optional.of(username), Optional.of(request.getParameter("password")));
            em.createQuery("update UserAccount u set u.enabled = true where u.id in :ids").setParameter("ids", admins).executeUpdate();
            transaction.commit();
            if (outcome != BootstrapAdmin.Outcome.CREATED) {
                throw new IllegalStateException("Bootstrap admin not created: " + outcome);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        response.setContentType("text/plain");
        response.getWriter().write(username);
    }
}
