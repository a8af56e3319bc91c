package cniadvisor.render;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** An SVG figure parsed with a strict XML parser (so it must be well-formed), and its blocks as the DOM sees them. */
public record SvgDom(Document document) {

    /** A {@code rect.block} as drawn. */
    public record Rect(String cidr, String status, String group, double x, double y, double width, String fill,
                       String tooltip, boolean clipped) {
    }

    public static SvgDom parse(String svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new SvgDom(factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg))));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + svg, e);
        }
    }

    /** The {@code <svg>...</svg>} element inside an HTML page, parsed. */
    public static SvgDom inHtml(String html) {
        int start = html.indexOf("<svg ");
        int end = html.indexOf("</svg>", start);
        if (start < 0 || end < 0) {
            throw new AssertionError("no <svg> element in\n" + html);
        }
        return parse(html.substring(start, end + "</svg>".length()));
    }

    public List<Rect> blocks() {
        List<Rect> rects = new ArrayList<>();
        NodeList all = document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (!List.of(e.getAttribute("class").split(" ")).contains("block")) {
                continue;
            }
            NodeList titles = e.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title");
            rects.add(new Rect(e.getAttribute("data-cidr"), e.getAttribute("data-status"),
                    e.getAttribute("data-group"), Double.parseDouble(e.getAttribute("x")),
                    Double.parseDouble(e.getAttribute("y")), Double.parseDouble(e.getAttribute("width")),
                    e.getAttribute("fill"), titles.getLength() == 0 ? null : titles.item(0).getTextContent(),
                    "true".equals(e.getAttribute("data-clipped"))));
        }
        return rects;
    }

    public Rect block(String cidr) {
        List<Rect> matching = blocks().stream().filter(r -> r.cidr().equals(cidr)).toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " blocks with data-cidr " + cidr + ": " + blocks());
        }
        return matching.get(0);
    }

    /** Text content of every element with the class. */
    public List<String> texts(String cssClass) {
        List<String> texts = new ArrayList<>();
        NodeList all = document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cssClass)) {
                texts.add(e.getTextContent());
            }
        }
        return texts;
    }

    public Element root() {
        return document.getDocumentElement();
    }
}
