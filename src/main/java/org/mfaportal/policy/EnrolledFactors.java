package org.mfaportal.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The factors users have enrolled, as the policies judge them. Kept by the factors' own package, which implements this
 * (the factor services ask the policies what they may enrol, so the policies cannot ask them back).
 */
public interface EnrolledFactors {

    /** The user's security keys, passkeys and authenticator apps, oldest first. */
    List<EnrolledFactor> of(long userId);

    /** One of the user's factors; empty when it is gone or belongs to someone else. */
    Optional<EnrolledFactor> one(long userId, long authenticatorId);

    boolean hasUnusedRecoveryCodes(long userId);

    /** Every key's model (its AAGUID as it registered, any case) and how many keys name it; keys that named none are left out. */
    Map<String, Long> keysPerModel();
}
