package org.mfaportal.directory;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Opens connections to the company directory with UnboundID's LDAP SDK: always over TLS ({@code ldaps://}, or StartTLS
 * on {@code ldap://}: a directory password never crosses the network in clear), the server's certificate checked
 * against the configured trust store or the JVM's, and its host name against the URL. No Jakarta imports: tests use
 * it against an in-memory directory server.
 *
 * One connection per sign-in (opened, used, closed): sign-ins are rare next to page views, and nothing stale survives
 * a directory restart.
 */
public final class DirectoryClient {

    private final DirectorySettings settings;
    private final LDAPURL url;
    private final SSLSocketFactory tls;

    /** @throws IllegalArgumentException when the URL or the trust store cannot be used (a configuration error) */
    public DirectoryClient(DirectorySettings settings) {
        this.settings = settings;
        try {
            this.url = new LDAPURL(settings.url());
        } catch (LDAPException e) {
            throw new IllegalArgumentException("mfa.directory.url is not an LDAP URL: " + e.getMessage(), e);
        }
        if (!"ldap".equals(url.getScheme()) && !"ldaps".equals(url.getScheme())) {
            throw new IllegalArgumentException("mfa.directory.url must start with ldap:// (StartTLS) or ldaps://");
        }
        X509TrustManager trust = settings.trustStore()
                .<X509TrustManager>map(path -> new TrustStoreTrustManager(path, settings.trustStorePassword().map(String::toCharArray).orElse(null),
                        settings.trustStoreType(), true))
                .orElse(JVMDefaultTrustManager.getInstance());
        try {
            this.tls = new SSLUtil(trust).createSSLSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS for the directory cannot be set up: " + e.getMessage(), e);
        }
    }

    public DirectorySettings settings() {
        return settings;
    }

    /** A connection bound with the service account (which searches users and groups); close it after use. */
    public DirectoryConnection open() {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(Math.toIntExact(settings.connectTimeout().toMillis()));
        options.setResponseTimeoutMillis(settings.readTimeout().toMillis());
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        options.setFollowReferrals(false);
        LDAPConnection connection = null;
        try {
            if ("ldaps".equals(url.getScheme())) {
                connection = new LDAPConnection(tls, options, url.getHost(), url.getPort());
            } else {
                connection = new LDAPConnection(options, url.getHost(), url.getPort());
                ExtendedResult startTls = connection.processExtendedOperation(new StartTLSExtendedRequest(tls));
                if (startTls.getResultCode() != ResultCode.SUCCESS) {
                    throw new LDAPException(startTls.getResultCode(), "StartTLS refused: " + startTls.getDiagnosticMessage());
                }
            }
            DirectoryConnection opened = new DirectoryConnection(connection, settings);
            opened.bindAsService();
            return opened;
        } catch (LDAPException e) {
            if (connection != null) {
                connection.close();
            }
            throw new DirectoryUnavailableException("The directory at " + url.getHost() + ":" + url.getPort() + " cannot be reached: "
                    + e.getResultCode() + " " + e.getMessage(), e);
        }
    }
}
