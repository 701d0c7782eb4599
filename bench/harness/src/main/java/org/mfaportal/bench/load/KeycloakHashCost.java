package org.mfaportal.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The CPU time of one password hash as Keycloak computes it, measured in the driver's JVM (Keycloak has no endpoint
 * like the bench WAR's /bench/password-check-cost): PBKDF2 with Bouncy Castle's PKCS5S2 generator, which the Bouncy
 * Castle provider runs for the {@code SecretKeyFactory} Keycloak's default crypto provider asks it for (512-bit key for
 * pbkdf2-sha512, 16-byte salt; the JCA wrapper is left out, a few microseconds), or
 * Argon2 with Bouncy Castle's generator, as Keycloak's argon2 provider does. The driver's Bouncy Castle may be a newer
 * release than Keycloak's own (the report names both where it matters).
 */
record KeycloakHashCost(String algorithm, int iterations, int memoryKib, int parallelism) {

    static final String DEFAULT_SPEC = "pbkdf2-sha512:210000";
    private static final Pattern PBKDF2 = Pattern.compile("pbkdf2-sha512:(\\d+)");
    /** Keycloak's argon2 defaults (Argon2Parameters in keycloak-crypto-default 26.7.3): id, v1.3, 7168 KiB, 5 passes, 1 lane, 32 bytes. */
    private static final Pattern ARGON2 = Pattern.compile("argon2(?::(\\d+):(\\d+):(\\d+))?");

    /** {@code pbkdf2-sha512:ITERATIONS} or {@code argon2[:MEMORY_KIB:ITERATIONS:PARALLELISM]} (default 7168:5:1). */
    static KeycloakHashCost parse(String spec) {
        Matcher pbkdf2 = PBKDF2.matcher(spec);
        if (pbkdf2.matches()) {
            return new KeycloakHashCost("pbkdf2-sha512", Integer.parseInt(pbkdf2.group(1)), 0, 0);
        }
        Matcher argon2 = ARGON2.matcher(spec);
        if (argon2.matches()) {
            return argon2.group(1) == null
                    ? new KeycloakHashCost("argon2", 5, 7168, 1)
                    : new KeycloakHashCost("argon2", Integer.parseInt(argon2.group(2)), Integer.parseInt(argon2.group(1)), Integer.parseInt(argon2.group(3)));
        }
        throw new IllegalArgumentException("--keycloak-hash is pbkdf2-sha512:ITERATIONS or argon2[:MEMORY_KIB:ITERATIONS:PARALLELISM], not " + spec);
    }

    String describe() {
        return algorithm.equals("argon2")
                ? String.format("argon2id v1.3, %d KiB, %d passes, %d lane(s)", memoryKib, iterations, parallelism)
                : "PBKDF2-HMAC-SHA512, " + iterations + " iterations";
    }

    /** Medians of {@code samples} hashes on this thread: cpu_ms_median, wall_ms_median, samples (as the bench WAR answers). */
    Map<String, Double> measure(int samples) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SecureRandom random = new SecureRandom();
        hash("warm-up-password".toCharArray(), salt(random));
        double[] cpu = new double[samples];
        double[] wall = new double[samples];
        for (int i = 0; i < samples; i++) {
            byte[] salt = salt(random);
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            hash("bench-password-of-sixteen".toCharArray(), salt);
            wall[i] = (System.nanoTime() - wallStart) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        }
        Map<String, Double> cost = new LinkedHashMap<>();
        cost.put("cpu_ms_median", median(cpu));
        cost.put("wall_ms_median", median(wall));
        cost.put("samples", (double) samples);
        return cost;
    }

    private byte[] hash(char[] password, byte[] salt) {
        if (algorithm.equals("argon2")) {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism).withSalt(salt).build());
            byte[] out = new byte[32];
            generator.generateBytes(password, out);
            return out;
        }
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA512Digest());
        generator.init(PBEParametersGenerator.PKCS5PasswordToUTF8Bytes(password), salt, iterations);
        return ((KeyParameter) generator.generateDerivedMacParameters(512)).getKey();
    }

    private static byte[] salt(SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return salt;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
