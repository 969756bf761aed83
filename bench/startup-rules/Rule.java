import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One construct of those the start-up rules avoid, run once after reading an image: bench/startup-rules.sh. */
public class Rule {
    record Finding(int line, int column, String key) {
    }

    public static void main(String[] args) throws Exception {
        byte[] image = Files.readAllBytes(Path.of(args[1]));
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 4; i++) findings.add(new Finding(image[i] & 7, i, "K" + i));
        Object out = switch (args[0]) {
            case "baseline" -> findings.size();
            case "lambda" -> ((java.util.function.IntUnaryOperator) x -> x + 1).applyAsInt(image.length);
            case "stream" -> findings.stream().filter(f -> f.line() > 0).count();
            case "formatter" -> String.format("%-12s %6d bytes at 0x%06x", "bootconf.txt", image.length, 94208);
            case "record-hash" -> new java.util.HashSet<>(findings).size();
            case "comparator" -> {
                findings.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
                yield findings.get(0);
            }
            default -> throw new IllegalArgumentException(args[0]);
        };
        System.out.println(out);
    }
}
