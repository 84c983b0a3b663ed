import yazl from 'yazl';

/** Files carrying an author's name in their metadata, as applicants' files often do (tests and demo). */
export async function pdfWithAuthor(author: string, body = 'Business plan'): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    info: { Author: author, Title: `Plan by ${author}`, Creator: author },
    compress: false,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  doc.text(body);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

export async function jpegWithArtist(artist: string): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } })
    .jpeg()
    .withExif({ IFD0: { Artist: artist, Copyright: artist } })
    .toBuffer();
}

export async function docxWithCreator(creator: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from('<?xml version="1.0"?><Types/>'), '[Content_Types].xml');
  zip.addBuffer(Buffer.from('<w:document><w:body><w:p>Plan</w:p></w:body></w:document>'), 'word/document.xml');
  zip.addBuffer(
    Buffer.from(
      `<cp:coreProperties><dc:creator>${creator}</dc:creator><cp:lastModifiedBy>${creator}</cp:lastModifiedBy></cp:coreProperties>`,
    ),
    'docProps/core.xml',
  );
  zip.addBuffer(Buffer.from(`<Properties><Company>${creator} SRL</Company></Properties>`), 'docProps/app.xml');
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
