package org.mfaportal.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) password hashes in the PHC string format that the reference implementation and most libraries
 * write: {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}, unpadded Base64. Bouncy Castle computes
 * the function; this class only chooses the parameters, encodes and compares.
 *
 * <p>The password is hashed as the UTF-8 bytes of the characters it is given (callers normalise first).
 */
public final class Argon2idPasswordHash {

    private static final String PREFIX = "$argon2id$";
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,})\\$([A-Za-z0-9+/]{22,})");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** Beyond this a single hash (one per concurrent sign-in) would threaten the heap itself. */
    private static final int MAX_MEMORY_KIB = 1024 * 1024;
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    /**
     * The cost of one hash. RFC 9106 and OWASP's cheat sheet name equivalent choices (19 MiB with 2 passes is OWASP's
     * first); more memory per pass costs an attacker's GPU more than it costs the server.
     */
    public record Cost(int memoryKib, int iterations, int parallelism) {
        public Cost {
            if (parallelism < 1 || parallelism > 16) {
                throw new IllegalArgumentException("Argon2id parallelism must be 1 to 16, was " + parallelism);
            }
            if (iterations < 1 || iterations > 100) {
                throw new IllegalArgumentException("Argon2id iterations must be 1 to 100, was " + iterations);
            }
            if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
                throw new IllegalArgumentException("Argon2id memory must be " + 8 * parallelism
                        + " KiB to 1 GiB, was " + memoryKib + " KiB");
            }
        }

        /** Whether a hash made at {@code this} cost is weaker than {@code wanted} in memory or passes. */
        boolean weakerThan(Cost wanted) {
            return memoryKib < wanted.memoryKib || iterations < wanted.iterations;
        }
    }

    private final Cost cost;
    private final SecureRandom random = new SecureRandom();

    public Argon2idPasswordHash(Cost cost) {
        this.cost = cost;
    }

    /** Whether {@code stored} is written in this format (whatever its cost), so {@link #verify} can judge it. */
    public static boolean isArgon2id(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    public String generate(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = compute(password, salt, cost, HASH_BYTES);
        return PREFIX + "v=19$m=" + cost.memoryKib + ",t=" + cost.iterations + ",p=" + cost.parallelism
                + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /** False for a wrong password and for anything that is not a well-formed Argon2id string. */
    public boolean verify(char[] password, String stored) {
        Optional<Parsed> parsed = parse(stored);
        if (parsed.isEmpty()) {
            return false;
        }
        Parsed expected = parsed.get();
        byte[] actual = compute(password, expected.salt, expected.cost, expected.hash.length);
        return MessageDigest.isEqual(actual, expected.hash);
    }

    /** Whether {@code stored} should be re-computed at the next sign-in: another format, or a lower cost than now. */
    public boolean needsUpgrade(String stored) {
        return parse(stored).map(parsed -> parsed.cost.weakerThan(cost)).orElse(true);
    }

    private static byte[] compute(char[] password, byte[] salt, Cost cost, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKib)
                .withIterations(cost.iterations)
                .withParallelism(cost.parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] utf8 = utf8(password);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(utf8, out);
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
        return out;
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    private record Parsed(Cost cost, byte[] salt, byte[] hash) {
    }

    private static Optional<Parsed> parse(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        Matcher matcher = PHC.matcher(stored);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            Cost cost = new Cost(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)));
            return Optional.of(new Parsed(cost, DECODER.decode(matcher.group(4)), DECODER.decode(matcher.group(5))));
        } catch (IllegalArgumentException unusable) {
            // a cost outside what this portal accepts, or Base64 with a stray length: not a hash it can check
            return Optional.empty();
        }
    }
}
