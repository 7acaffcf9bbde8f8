import { ExifTool, type WriteTags } from 'exiftool-vendored';

/** What a sidecar gets: the keyword lists in the three forms apps read, the description and the place. */
export interface SidecarTags {
  subject: string[];
  hierarchicalSubject: string[];
  tagsList: string[];
  description: string | null;
  place: { town: string | null; region: string | null; country: string | null; countryCode: string | null } | null;
}

/**
 * ExifTool (shipped by exiftool-vendored; perl on Linux and macOS), for writing XMP sidecars: never a photo. One
 * process, started on first use, ended by `close`.
 */
export class SidecarTool {
  private tool: ExifTool | null = null;

  private get exiftool(): ExifTool {
    this.tool ??= new ExifTool({ maxProcs: 1, taskTimeoutMillis: 20_000 });
    return this.tool;
  }

  /** Writes `tags` into the .xmp file `file` (created when absent), replacing those lists and leaving every other property. */
  async writeSidecar(file: string, tags: SidecarTags): Promise<void> {
    if (!file.toLowerCase().endsWith('.xmp')) throw new Error(`refusing to write ${file}: Phototag writes only .xmp sidecars, never a photo`);
    const write: Record<string, unknown> = {
      'XMP-dc:Subject': tags.subject,
      'XMP-lr:HierarchicalSubject': tags.hierarchicalSubject,
      'XMP-digiKam:TagsList': tags.tagsList,
    };
    if (tags.description !== null) write['XMP-dc:Description'] = tags.description;
    if (tags.place) {
      write['XMP-photoshop:City'] = tags.place.town ?? null;
      write['XMP-photoshop:State'] = tags.place.region ?? null;
      write['XMP-photoshop:Country'] = tags.place.country ?? null;
      write['XMP-iptcCore:CountryCode'] = tags.place.countryCode ?? null;
    }
    await this.exiftool.write(file, write as WriteTags, { writeArgs: ['-overwrite_original'] });
  }

  /** The description a sidecar holds now (another app may have written it). */
  async readDescription(file: string): Promise<string | null> {
    const tags = (await this.exiftool.read(file)) as Record<string, unknown>;
    const value = tags.Description;
    return typeof value === 'string' && value.trim() !== '' ? value : null;
  }

  async close(): Promise<void> {
    const tool = this.tool;
    this.tool = null;
    await tool?.end();
  }
}
