package org.mfaportal.directory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One TLS connection to the directory, bound as the service account. Every filter is built from the configured
 * template with the typed value escaped per RFC 4515 ({@link Filter#encodeValue}), so a username like
 * {@code *)(uid=*))(|(uid=*} is searched for literally and can never widen a search.
 */
public final class DirectoryConnection implements AutoCloseable {

    /** Active Directory's userAccountControl flag ACCOUNTDISABLE. */
    static final int ACCOUNT_DISABLE = 0x2;
    static final String USER_ACCOUNT_CONTROL = "userAccountControl";
    private static final String OBJECT_GUID = "objectGUID";
    /** Nesting deeper than this, or more groups than this, is not followed (and cycles never are). */
    static final int MAX_NESTING = 10;
    static final int MAX_GROUPS = 1000;

    private final LDAPConnection connection;
    private final DirectorySettings settings;

    DirectoryConnection(LDAPConnection connection, DirectorySettings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    void bindAsService() throws LDAPException {
        connection.bind(new SimpleBindRequest(settings.bindDn(), settings.bindPassword()));
    }

    /**
     * The template with {@code {0}}, {@code {1}}, ... replaced by the values, each escaped per RFC 4515.
     *
     * @throws DirectoryUnavailableException when the configured template is not a filter
     */
    static Filter filter(String template, String... values) {
        String filter = template;
        for (int i = 0; i < values.length; i++) {
            filter = filter.replace("{" + i + "}", Filter.encodeValue(values[i]));
        }
        try {
            return Filter.create(filter);
        } catch (LDAPException e) {
            // a configuration error: logged for the operator, "cannot be reached" for the user, never a server error
            throw new DirectoryUnavailableException("A configured directory filter is not an LDAP filter: " + template, e);
        }
    }

    /**
     * The one entry the user filter finds for this username; empty when none does, or more than one (ambiguous: nobody
     * signs in as "whichever matched").
     */
    public Optional<DirectoryEntry> findUser(String username) {
        List<String> attributes = new ArrayList<>(List.of(settings.displayNameAttribute(), settings.emailAttribute(), USER_ACCOUNT_CONTROL));
        if (!DirectorySettings.DN.equalsIgnoreCase(settings.idAttribute())) {
            attributes.add(settings.idAttribute());
        }
        if (settings.groupBase().isEmpty()) {
            attributes.add(settings.memberOfAttribute());
        }
        SearchRequest search = new SearchRequest(settings.userBase(), SearchScope.SUB, filter(settings.userFilter(), username),
                attributes.toArray(String[]::new));
        search.setSizeLimit(2);
        List<SearchResultEntry> found;
        try {
            found = connection.search(search).getSearchEntries();
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                return Optional.empty();
            }
            throw unavailable("searching users", e);
        }
        if (found.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(toEntry(found.get(0)));
    }

    private DirectoryEntry toEntry(SearchResultEntry entry) {
        String displayName = Optional.ofNullable(entry.getAttributeValue(settings.displayNameAttribute())).filter(name -> !name.isBlank())
                .orElse(entry.getDN());
        List<String> memberOf = settings.groupBase().isEmpty() && entry.getAttributeValues(settings.memberOfAttribute()) != null
                ? Arrays.asList(entry.getAttributeValues(settings.memberOfAttribute()))
                : List.of();
        return new DirectoryEntry(entry.getDN(), externalId(entry), displayName, entry.getAttributeValue(settings.emailAttribute()), memberOf,
                isAccountDisabled(entry.getAttributeValue(USER_ACCOUNT_CONTROL)));
    }

    private String externalId(SearchResultEntry entry) {
        Attribute id = DirectorySettings.DN.equalsIgnoreCase(settings.idAttribute()) ? null : entry.getAttribute(settings.idAttribute());
        if (id == null) {
            return normalizedDn(entry.getDN());
        }
        // objectGUID is 16 binary bytes
        return OBJECT_GUID.equalsIgnoreCase(settings.idAttribute()) ? Base64.getEncoder().encodeToString(id.getValueByteArray()) : id.getValue();
    }

    private static String normalizedDn(String dn) {
        try {
            return new DN(dn).toNormalizedString();
        } catch (LDAPException e) {
            return dn;
        }
    }

    static boolean isAccountDisabled(String userAccountControl) {
        if (userAccountControl == null) {
            return false;
        }
        try {
            return (Long.parseLong(userAccountControl.strip()) & ACCOUNT_DISABLE) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Disabled by Active Directory's flag, or matched by the configured "disabled" filter. */
    public boolean isDisabled(DirectoryEntry entry) {
        if (entry.disabled()) {
            return true;
        }
        if (settings.disabledFilter().isEmpty()) {
            return false;
        }
        try {
            return connection.searchForEntry(entry.dn(), SearchScope.BASE, filter(settings.disabledFilter().get()), "1.1") != null;
        } catch (LDAPSearchException e) {
            throw unavailable("checking whether the user is disabled", e);
        }
    }

    /**
     * Whether the directory accepts this password for the entry (a simple bind as the user). An empty password is
     * refused here: LDAP treats a bind with a DN and no password as an anonymous bind that succeeds (RFC 4513 §5.1.2).
     * The connection is bound as the service account again afterwards.
     */
    public boolean passwordMatches(DirectoryEntry entry, char[] password) {
        if (password == null || password.length == 0) {
            return false;
        }
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            connection.bind(new SimpleBindRequest(entry.dn(), bytes));
            return true;
        } catch (LDAPException e) {
            if (!ResultCode.isConnectionUsable(e.getResultCode())) {
                throw unavailable("checking the password", e);
            }
            return false;
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(encoded.array(), (byte) 0);
            rebindAsService();
        }
    }

    private void rebindAsService() {
        try {
            bindAsService();
        } catch (LDAPException e) {
            throw unavailable("binding as the service account", e);
        }
    }

    /**
     * The names of the user's groups, nested groups included when configured: from a group search (members named by
     * DN) or from the user's memberOf attribute.
     */
    public Set<String> groupsOf(DirectoryEntry entry, String username) {
        Set<String> names = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> members = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        members.add(entry.dn());
        depths.add(0);
        boolean first = true;
        while (!members.isEmpty() && seen.size() < MAX_GROUPS) {
            String member = members.poll();
            int depth = depths.poll();
            Set<String> groupDns = settings.groupBase().isPresent()
                    ? searchGroups(member, username, names)
                    : memberOf(first ? entry.memberOf() : readMemberOf(member), names);
            first = false;
            if (settings.nestedGroups() && depth < MAX_NESTING) {
                for (String group : groupDns) {
                    if (seen.add(normalizedDn(group))) {
                        members.add(group);
                        depths.add(depth + 1);
                    }
                }
            }
        }
        return names;
    }

    private Set<String> searchGroups(String memberDn, String username, Set<String> names) {
        Set<String> dns = new LinkedHashSet<>();
        try {
            SearchResult result = connection.search(settings.groupBase().get(), SearchScope.SUB,
                    filter(settings.groupFilter(), memberDn, username), settings.groupNameAttribute());
            for (SearchResultEntry group : result.getSearchEntries()) {
                String name = group.getAttributeValue(settings.groupNameAttribute());
                if (name != null) {
                    names.add(name);
                }
                dns.add(group.getDN());
            }
        } catch (LDAPSearchException e) {
            throw unavailable("searching groups", e);
        }
        return dns;
    }

    private Set<String> memberOf(List<String> groupDns, Set<String> names) {
        for (String group : groupDns) {
            groupName(group).ifPresent(names::add);
        }
        return new LinkedHashSet<>(groupDns);
    }

    private List<String> readMemberOf(String groupDn) {
        try {
            SearchResultEntry group = connection.getEntry(groupDn, settings.memberOfAttribute());
            String[] values = group == null ? null : group.getAttributeValues(settings.memberOfAttribute());
            return values == null ? List.of() : Arrays.asList(values);
        } catch (LDAPException e) {
            throw unavailable("reading nested groups", e);
        }
    }

    /** A memberOf value names the group by DN: its name is the value of the first RDN (cn=Finance,ou=groups,... -> Finance). */
    private Optional<String> groupName(String groupDn) {
        try {
            RDN rdn = new DN(groupDn).getRDN();
            return rdn == null ? Optional.empty() : Optional.of(rdn.getAttributeValues()[0]);
        } catch (LDAPException e) {
            return Optional.empty();
        }
    }

    private static DirectoryUnavailableException unavailable(String doing, LDAPException e) {
        return new DirectoryUnavailableException("The directory failed while " + doing + ": " + e.getResultCode() + " " + e.getMessage(), e);
    }

    @Override
    public void close() {
        connection.close();
    }
}
