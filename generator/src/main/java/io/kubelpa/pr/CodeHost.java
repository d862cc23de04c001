package io.kubelpa.pr;

import java.io.IOException;
import java.util.List;

/** Where pull requests live: GitHub or GitLab, through their REST APIs. */
public interface CodeHost {
    /** The web URL of the open pull request for {@code branch} after creating it or updating the existing one. */
    String upsert(String branch, String base, String title, String body, List<String> labels)
            throws IOException, InterruptedException;
}
