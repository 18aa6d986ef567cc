// Word count: the Java job of jobflow's examples (wordcount.py is the same job in Python).
//
// Usage: java -cp wordcount.jar WordCount OUTPUT INPUT...
//
// Each INPUT is a text file or a directory (its files, not its subdirectories). Words are runs of
// the letters a-z after lower-casing, with inner apostrophes kept ("people's"). OUTPUT gets one
// `word<TAB>count` line per word, the most frequent first, ties in alphabetical order; the ten
// most frequent words are printed. Built with javac + jar by the examples (examples/lib/common.sh).

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

public final class WordCount {
  private static final Pattern WORD = Pattern.compile("[a-z]+(?:'[a-z]+)*");
  private static final int TOP = 10;

  private static List<Path> inputFiles(String[] args) throws IOException {
    List<Path> files = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      Path path = Path.of(args[i]);
      if (Files.isDirectory(path)) {
        try (Stream<Path> entries = Files.list(path)) {
          entries.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted()
              .forEach(files::add);
        }
      } else {
        files.add(path);
      }
    }
    return files;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: WordCount OUTPUT INPUT...");
      System.exit(2);
    }
    Path output = Path.of(args[0]).toAbsolutePath();
    Map<String, Integer> counts = new HashMap<>();
    long words = 0;
    List<Path> files = inputFiles(args);
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
      Matcher m = WORD.matcher(text);
      while (m.find()) {
        counts.merge(m.group(), 1, Integer::sum);
        words++;
      }
    }
    List<Map.Entry<String, Integer>> ranked = new ArrayList<>(counts.entrySet());
    ranked.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()));
    Files.createDirectories(output.getParent());
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Integer> e : ranked) {
      out.append(e.getKey()).append('\t').append(e.getValue()).append('\n');
    }
    Files.writeString(output, out, StandardCharsets.UTF_8);
    System.out.printf("wordcount (java): %d words, %d distinct, in %d files -> %s%n",
                      words, counts.size(), files.size(), output);
    for (int i = 0; i < Math.min(TOP, ranked.size()); i++) {
      System.out.printf("%6d  %s%n", ranked.get(i).getValue(), ranked.get(i).getKey());
    }
  }
}
