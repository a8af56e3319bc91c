package cniadvisor.render;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.Writer;

/**
 * The XML writer both JUnit reports use ({@code batch -o junit} and {@code rules test -o junit}): every attribute
 * value and every text passes through {@link Escape#xml}, so a name with control characters or an unpaired
 * surrogate still gives a well-formed document. The JDK's {@link XMLStreamWriter} escapes markup but writes such
 * characters as they are, which no XML parser accepts.
 */
public final class SafeXmlWriter {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final XMLStreamWriter xml;

    private SafeXmlWriter(XMLStreamWriter xml) {
        this.xml = xml;
    }

    public static SafeXmlWriter over(Writer out) throws XMLStreamException {
        return new SafeXmlWriter(FACTORY.createXMLStreamWriter(out));
    }

    /** The XML declaration: version 1.0, UTF-8. */
    public void startDocument() throws XMLStreamException {
        xml.writeStartDocument("UTF-8", "1.0");
    }

    public void start(String element) throws XMLStreamException {
        xml.writeStartElement(element);
    }

    /** An element without content, whose attributes follow. */
    public void empty(String element) throws XMLStreamException {
        xml.writeEmptyElement(element);
    }

    public void attribute(String name, String value) throws XMLStreamException {
        xml.writeAttribute(name, Escape.xml(value));
    }

    public void text(String text) throws XMLStreamException {
        xml.writeCharacters(Escape.xml(text));
    }

    public void end() throws XMLStreamException {
        xml.writeEndElement();
    }

    public void endDocument() throws XMLStreamException {
        xml.writeEndDocument();
    }

    public void flush() throws XMLStreamException {
        xml.flush();
    }

    /** Closes the XML writer, not the writer under it. */
    public void close() throws XMLStreamException {
        xml.close();
    }
}
