/**
 * A SAX pass over one XML part of a zip workbook with saxes (the parser behind ExcelJS and
 * jsdom): constant memory, no DTD processing (a part with a DOCTYPE is refused, so no entity is
 * ever expanded and nothing external is ever fetched), element names without their prefix.
 */
import { SaxesParser } from 'saxes';
import { importError } from './import-error.ts';

/** Callbacks for the events of one XML part. */
export interface XmlHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  text?(text: string): void;
  close?(name: string): void;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Parses an XML part from its inflated chunks, calling the handlers; yields after each chunk so
 * that the caller can hand on what the handlers collected. Throws an ImportError when the XML is
 * broken or declares a DTD.
 */
export async function* streamXml(
  chunks: AsyncIterable<Buffer>,
  handlers: XmlHandlers,
  part: string,
): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('doctype', () => {
    throw importError(
      'unsafe-xml',
      `文件中的「${part}」含有不安全的 XML 声明（DTD/实体定义），已拒绝导入`,
      `The part ${part} carries an unsafe XML declaration (a DTD); refused`,
    );
  });
  const { open, text, close } = handlers;
  if (open !== undefined) {
    parser.on('opentag', (tag) => open(localName(tag.name), tag.attributes));
  }
  if (text !== undefined) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  if (close !== undefined) parser.on('closetag', (tag) => close(localName(tag.name)));
  const decoder = new TextDecoder('utf-8');
  const write = (data: string) => {
    try {
      parser.write(data);
    } catch (error) {
      if (error instanceof Error && error.name === 'ImportError') throw error;
      throw importError(
        'corrupt-file',
        `文件已损坏：「${part}」不是有效的 XML`,
        `The file is damaged: ${part} is not valid XML`,
        [error instanceof Error ? error.message : String(error)],
      );
    }
  };
  for await (const chunk of chunks) {
    write(decoder.decode(chunk, { stream: true }));
    yield;
  }
  write(decoder.decode());
  try {
    parser.close();
  } catch (error) {
    throw importError(
      'corrupt-file',
      `文件已损坏：「${part}」不完整`,
      `The file is damaged: ${part} is incomplete`,
      [error instanceof Error ? error.message : String(error)],
    );
  }
}

/** Runs a whole XML part through the handlers. */
export async function parseXml(
  chunks: AsyncIterable<Buffer>,
  handlers: XmlHandlers,
  part: string,
): Promise<void> {
  for await (const _ of streamXml(chunks, handlers, part)) {
    // The handlers collect what they need.
  }
}
