// EpubCheckBatch: run EPUBCheck 4.2.6 on many files in one JVM.
//   java -cp epubcheck.jar EpubCheckBatch.java OUT1.json BOOK1.epub [OUT2.json BOOK2.epub ...]
// The command line tool checks one file per run, and starting a JVM costs
// more than checking a small book; this calls the same entry point
// (EpubChecker.run, what `epubcheck --quiet --json OUT BOOK` runs) once per
// pair and prints "BOOK: exit N" for each. Needs a JDK (the single-file
// source launcher compiles this); run-corpus falls back to one JVM per file.
import com.adobe.epubcheck.tool.EpubChecker;

public class EpubCheckBatch {
	public static void main(String[] args) {
		for (int i = 0; i + 1 < args.length; i += 2) {
			int rc;
			try {
				rc = new EpubChecker().run(new String[] { "--quiet", "--json", args[i], args[i + 1] });
			} catch (RuntimeException e) {
				rc = 99;
			}
			System.out.println(args[i + 1] + ": exit " + rc);
		}
	}
}
