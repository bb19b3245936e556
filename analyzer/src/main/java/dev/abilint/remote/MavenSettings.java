package dev.abilint.remote;

import dev.abilint.artifact.InputException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What abilint takes from a Maven {@code settings.xml}: {@code localRepository} (an artifact already there
 * is used as it is) and the first mirror of Maven Central ({@code mirrorOf} {@code *}, {@code external:*} or
 * {@code central}, not excluding central). Profiles' repositories, proxies and credentials are not read.
 *
 * @param localRepository null when the file does not set one
 * @param mirror null when no mirror stands in for Central
 */
record MavenSettings(Path localRepository, URI mirror) {

    static MavenSettings read(Path file) throws InputException {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            doc = factory.newDocumentBuilder().parse(file.toFile());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new InputException("cannot read the Maven settings '" + file + "': " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        String local = text(child(root, "localRepository"));
        Path localRepository = local == null || local.isBlank() ? null : Path.of(expand(local.trim()));
        URI mirror = null;
        for (Element m : children(child(root, "mirrors"), "mirror")) {
            String of = text(child(m, "mirrorOf"));
            String url = text(child(m, "url"));
            if (of == null || url == null || !mirrorsCentral(of)) {
                continue;
            }
            try {
                mirror = URI.create(expand(url.trim()));
            } catch (IllegalArgumentException e) {
                throw new InputException("cannot read the Maven settings '" + file + "': mirror URL '" + url.trim()
                        + "' is not a URL");
            }
            break;
        }
        return new MavenSettings(localRepository, mirror);
    }

    /** Maven's mirrorOf syntax for a repository with id {@code central}. */
    static boolean mirrorsCentral(String mirrorOf) {
        boolean matched = false;
        for (String part : mirrorOf.split(",")) {
            String p = part.trim();
            if (p.equals("!central")) {
                return false;
            }
            if (p.equals("*") || p.equals("external:*") || p.equals("central")) {
                matched = true;
            }
        }
        return matched;
    }

    /** {@code ${user.home}} and {@code ${env.X}}, as Maven expands them in settings.xml. */
    static String expand(String value) {
        String out = value.replace("${user.home}", System.getProperty("user.home"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{env\\.([A-Za-z0-9_]+)}").matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = System.getenv(m.group(1));
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && name.equals(e.getTagName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent();
    }
}
