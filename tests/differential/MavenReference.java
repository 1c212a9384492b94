// SPDX-License-Identifier: Apache-2.0
// Reference answers for `tracegate versions --ecosystem maven`, from maven-artifact itself:
//
//   java -cp /usr/share/java/maven-artifact-3.x.jar:/usr/share/java/commons-lang3.jar \
//       tests/differential/MavenReference.java < queries.txt
//
// Queries are read as UTF-8 and split exactly as tracegate splits them: lines on '\n' (one
// trailing '\r' dropped), fields on '\t'. Answers (one line each, UTF-8):
//   cmp  A B         -1 / 0 / 1   new ComparableVersion(A).compareTo(new ComparableVersion(B))
//   in   V RANGE     true / false VersionRange.createFromVersionSpec(RANGE)
//                                   .containsVersion(new DefaultArtifactVersion(V))
//   norm V           new ComparableVersion(V).getCanonical()
// A query the library rejects by throwing (InvalidVersionSpecificationException, or any
// RuntimeException on a strange input) answers `invalid`; a malformed line answers `error`.
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import org.apache.maven.artifact.versioning.ComparableVersion;
import org.apache.maven.artifact.versioning.DefaultArtifactVersion;
import org.apache.maven.artifact.versioning.VersionRange;

public final class MavenReference {
    private MavenReference() {}

    static String answer(String line) {
        String[] f = line.split("\t", -1);
        String verb = f[0];
        try {
            if (verb.equals("cmp") && f.length == 3) {
                int order = new ComparableVersion(f[1]).compareTo(new ComparableVersion(f[2]));
                return Integer.toString(Integer.signum(order));
            }
            if (verb.equals("in") && f.length == 3) {
                VersionRange range = VersionRange.createFromVersionSpec(f[2]);
                return range.containsVersion(new DefaultArtifactVersion(f[1])) ? "true" : "false";
            }
            if (verb.equals("norm") && f.length == 2) {
                return new ComparableVersion(f[1]).getCanonical();
            }
        } catch (Exception e) {  // InvalidVersionSpecificationException and any RuntimeException
            return "invalid";
        }
        return "error";
    }

    public static void main(String[] args) throws IOException {
        String input = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        int start = 0;
        int length = input.length();
        while (start < length) {
            int newline = input.indexOf('\n', start);
            int end = newline < 0 ? length : newline;
            int stop = end > start && input.charAt(end - 1) == '\r' ? end - 1 : end;
            out.write(answer(input.substring(start, stop)));
            out.write('\n');
            start = end + 1;
        }
        out.flush();
    }
}
