package io.kubelpa.pr;

import io.kubelpa.rbac.ObjectRef;
import java.nio.file.Path;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * One RBAC object in a repository file: the file, the object, its mapping node (with the parser's
 * positions), and whether it is a document of its own or an item of a {@code kind: List}.
 */
public record ManifestDocument(Path file, ObjectRef ref, MappingNode node, boolean listItem) {}
