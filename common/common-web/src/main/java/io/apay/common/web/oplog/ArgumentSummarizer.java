package io.apay.common.web.oplog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.web.multipart.MultipartFile;

/**
 * Turns a method's arguments into a short JSON summary for the op-log, with secret values replaced by "***".
 * A field is secret when its lower-cased name contains one of {@link #SECRET_WORDS} or is named by the annotation.
 */
public class ArgumentSummarizer {

    static final String MASK = "***";
    static final int MAX_LENGTH = 4000;
    static final Set<String> SECRET_WORDS = Set.of(
            "password", "passwd", "pwd", "secret", "token", "privatekey", "credential", "otp", "totp",
            "smscode", "verifycode", "verificationcode", "activationcode", "sign", "cvv", "pin", "mnemonic", "seed", "apikey");

    private final ObjectMapper mapper;

    public ArgumentSummarizer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String summarize(String[] names, Object[] values, Set<String> extraMasked) {
        ObjectNode root = mapper.createObjectNode();
        for (int i = 0; i < values.length; i++) {
            String name = names != null && i < names.length ? names[i] : "arg" + i;
            root.set(name, isSecret(name, extraMasked) ? TextNode.valueOf(MASK) : toNode(values[i]));
        }
        mask(root, extraMasked);
        String json = root.toString();
        return json.length() <= MAX_LENGTH ? json : json.substring(0, MAX_LENGTH - 3) + "...";
    }

    /** The {@code reason} among the arguments: an argument so named, or a field so named of an argument. */
    public String reason(String[] names, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            String name = names != null && i < names.length ? names[i] : "arg" + i;
            if (name.equals("reason") && values[i] instanceof String s) {
                return s;
            }
            JsonNode node = toNode(values[i]);
            if (node.path("reason").isTextual()) {
                return node.get("reason").asText();
            }
        }
        return null;
    }

    /** A state for the op-log: JSON, secrets masked, cut to the column's size. */
    public String state(Object state) {
        if (state == null) {
            return null;
        }
        JsonNode node = toNode(state);
        mask(node, Set.of());
        String json = node.toString();
        return json.length() <= MAX_LENGTH ? json : json.substring(0, MAX_LENGTH - 3) + "...";
    }

    private JsonNode toNode(Object value) {
        if (value instanceof MultipartFile file) {
            ObjectNode node = mapper.createObjectNode();
            node.put("file", file.getOriginalFilename());
            node.put("size", file.getSize());
            return node;
        }
        if (value instanceof ServletRequest || value instanceof ServletResponse || value instanceof InputStream
                || value instanceof byte[]) {
            return TextNode.valueOf("<" + value.getClass().getSimpleName() + ">");
        }
        try {
            return mapper.valueToTree(value);
        } catch (IllegalArgumentException e) {
            return TextNode.valueOf("<unserializable>");
        }
    }

    private static void mask(JsonNode node, Set<String> extraMasked) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                // a flag (totpEnabled) says nothing secret; a value under a secret-sounding name is masked
                if (!field.getValue().isBoolean() && isSecret(field.getKey(), extraMasked)) {
                    field.setValue(TextNode.valueOf(MASK));
                } else {
                    mask(field.getValue(), extraMasked);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> mask(child, extraMasked));
        }
    }

    static boolean isSecret(String fieldName, Set<String> extraMasked) {
        if (extraMasked.contains(fieldName)) {
            return true;
        }
        String lower = fieldName.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        for (String word : SECRET_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
