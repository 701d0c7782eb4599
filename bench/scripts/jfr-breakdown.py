#!/usr/bin/env python3
"""Where a JFR recording's CPU samples and allocations go, outside the password hash.

    jfr-breakdown.py RECORDING.jfr

Each execution sample (jdk.ExecutionSample) whose stack contains the hash (PBKDF2, Argon2, the portal's PasswordHasher
or RecoveryCodeHasher) counts as hash; every other one is attributed to the owner of its first frame that is not the
JDK's own (java., jdk., sun., com.sun.proxy): the library that asked for the work. Also: the share of non-hash samples
inside the Faces render phase, and allocation (jdk.ObjectAllocationSample weights) by the same attribution.
"""
import collections, re, subprocess, sys

OWNERS = [
    ('org.mfaportal.', 'portal'), ('org.hibernate.', 'Hibernate'), ('org.h2.', 'H2'), ('com.sun.faces.', 'Mojarra'),
    ('jakarta.faces.', 'Faces API'), ('org.primefaces.', 'PrimeFaces'), ('org.jboss.weld.', 'Weld'),
    ('io.undertow.', 'Undertow'), ('org.xnio.', 'XNIO'), ('org.wildfly.', 'WildFly'), ('org.jboss.as.', 'WildFly'),
    ('org.jboss.', 'JBoss other'), ('org.glassfish.', 'Soteria/EL (glassfish)'), ('org.apache.', 'Apache'),
    ('com.arjuna.', 'Narayana'), ('org.jberet.', 'JBeret'), ('io.smallrye.', 'SmallRye'), ('org.infinispan.', 'Infinispan'),
    ('jakarta.', 'Jakarta API'), ('com.webauthn4j.', 'webauthn4j'),
]
HASH = re.compile(r'PBKDF2|Argon2|PasswordHasher\.verify|RecoveryCodeHasher|HmacSHA512|HmacCore')
JDK = ('java.', 'jdk.', 'sun.', 'com.sun.proxy', 'javax.')

def owner(frame):
    for prefix, name in OWNERS:
        if frame.startswith(prefix):
            return name
    return 'other: ' + '.'.join(frame.split('.')[:2])

def events(recording, name):
    out = subprocess.run(['jfr', 'print', '--stack-depth', '200', '--events', name, recording],
                         capture_output=True, text=True, check=True).stdout
    for block in out.split(name + ' {')[1:]:
        frames = re.findall(r'^\s+([\w$.<>]+)\(', block, re.M)
        weight = re.search(r'weight = ([\d.]+) (bytes|kB|MB|GB)', block)
        thread = re.search(r'(?:sampledThread|eventThread) = "([^"]*)"', block)
        w = 0
        if weight:
            w = float(weight.group(1)) * {'bytes': 1, 'kB': 1024, 'MB': 1024 ** 2, 'GB': 1024 ** 3}[weight.group(2)]
        yield frames, w, thread.group(1) if thread else ''

def attribute(frames):
    for frame in frames:
        if not frame.startswith(JDK):
            return owner(frame)
    return 'JDK only'

def table(title, counter, total, unit):
    print(f'\n{title}')
    for k, v in counter.most_common():
        print(f'  {k:32s} {v:12.0f} {unit}  {100 * v / total:5.1f} %')
    print(f'  {"total":32s} {total:12.0f} {unit}')

def main(recording):
    samples = collections.Counter()
    threads = collections.Counter()
    hashed = render = weld = 0
    n = 0
    for frames, _, thread in events(recording, 'jdk.ExecutionSample'):
        n += 1
        if any(HASH.search(f) for f in frames):
            hashed += 1
            continue
        samples[attribute(frames)] += 1
        threads[re.sub(r'\d+', 'N', thread)] += 1
        if any('RenderResponsePhase' in f for f in frames):
            render += 1
        if any(f.startswith('org.jboss.weld.') for f in frames):
            weld += 1
    nonhash = n - hashed
    print(f'execution samples: {n}, of them in the hash: {hashed} ({100 * hashed / max(n, 1):.1f} %), other: {nonhash}')
    table('non-hash samples by owner of the first non-JDK frame', samples, max(nonhash, 1), 'samples')
    table('non-hash samples by thread', threads, max(nonhash, 1), 'samples')
    print(f'\nnon-hash samples inside the render phase: {render} ({100 * render / max(nonhash, 1):.1f} %); '
          f'with a Weld frame anywhere: {weld} ({100 * weld / max(nonhash, 1):.1f} %)')
    alloc = collections.Counter()
    for frames, w, _ in events(recording, 'jdk.ObjectAllocationSample'):
        alloc['hash' if any(HASH.search(f) for f in frames) else attribute(frames)] += w / 1024 / 1024
    table('allocation (sampled weight) by owner of the first non-JDK frame', alloc, max(sum(alloc.values()), 1e-9), 'MiB')

if __name__ == '__main__':
    main(sys.argv[1])
