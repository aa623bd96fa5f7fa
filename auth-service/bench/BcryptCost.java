import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Time of one bcrypt hash (what a login costs) at each cost given, on one core. */
public class BcryptCost {
    public static void main(String[] args) {
        for (String arg : args) {
            int cost = Integer.parseInt(arg);
            BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(cost);
            String hash = encoder.encode("Warm-Up-Password-1");
            for (int i = 0; i < 5; i++) {
                encoder.matches("Warm-Up-Password-1", hash);
            }
            int rounds = Math.max(5, 200 >> (cost - 8));
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                encoder.matches("Warm-Up-Password-1", hash);
            }
            double ms = (System.nanoTime() - start) / 1e6 / rounds;
            System.out.printf("cost %d: %.1f ms per hash (%d hashes), so at most %.0f logins/s per core%n", cost, ms,
                    rounds, 1000 / ms);
        }
    }
}
