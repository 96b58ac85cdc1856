package org.openml.auth.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.openml.auth.testkit.AuthHttpClient;
import org.openml.auth.testkit.AuthHttpClient.Response;

/**
 * What an attacker measures: the time of failed sign-ins for several kinds of login, sampled
 * interleaved in a shuffled order each round (so drift in the machine's load hits every kind
 * alike), after a few unmeasured warm-up rounds (JIT, the lazily made dummy hash).
 */
final class SignInTimingProbe {
    /** The samples of one kind of login, and every answer it got. */
    record Samples(long[] nanos, List<Response> answers) {}

    private SignInTimingProbe() {}

    /**
     * @param logins kind → {login, password}
     * @return kind → samples, in the order of {@code logins}
     */
    static Map<String, Samples> sample(URI base, Map<String, String[]> logins, int rounds, int warmUp) {
        AuthHttpClient attacker = new AuthHttpClient(base);
        String csrf = attacker.csrfToken();
        List<String> kinds = new ArrayList<>(logins.keySet());
        Map<String, long[]> nanos = new LinkedHashMap<>();
        Map<String, List<Response>> answers = new LinkedHashMap<>();
        kinds.forEach(k -> {
            nanos.put(k, new long[rounds]);
            answers.put(k, new ArrayList<>());
        });
        Random shuffle = new Random(42);
        for (int round = -warmUp; round < rounds; round++) {
            Collections.shuffle(kinds, shuffle);
            for (String kind : kinds) {
                String[] login = logins.get(kind);
                Map<String, String> form = new LinkedHashMap<>();
                form.put("csrfToken", csrf);
                form.put("email", login[0]);
                form.put("password", login[1]);
                form.put("json", "true");
                long start = System.nanoTime();
                Response r = attacker.postForm("/api/auth/callback/credentials", form);
                long took = System.nanoTime() - start;
                if (round >= 0) {
                    nanos.get(kind)[round] = took;
                    answers.get(kind).add(r);
                }
            }
        }
        Map<String, Samples> result = new LinkedHashMap<>();
        logins.keySet().forEach(k -> result.put(k, new Samples(nanos.get(k), answers.get(k))));
        return result;
    }
}
