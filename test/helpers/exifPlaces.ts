/**
 * Where the exif set's 15 GPS photos were taken, as a person would name it: the town and country each photo's
 * labelled coordinates (labels.json) fall in or next to. Written by hand from the coordinates and the labels' notes
 * ("Tuscany, Italy" for the Nikon walk), not read from the geocoder: it is what the geocoder is judged against.
 *
 * - DSCN00xx: a walk through the centre of Arezzo (the coordinates lie within 1 km of its centre).
 * - 87_OSError: central Florence. iphone_hdr_YES: Madrid (the nearest GeoNames point is the district Moncloa-Aravaca).
 * - HMD_Nokia: Colmenar Viejo, north of Madrid. IMG_5195: Blue Springs, Missouri (Kansas City's east).
 * - 67-0_length_string: Gummersbach, Germany. Kodak_CX7530: Nakuru, Kenya (on the equator).
 */
export const exifPlaces: Readonly<Record<string, { town: string; country: string; countryCode: string; region?: string }>> = {
  '67-0_length_string.jpg': { town: 'Gummersbach', country: 'Germany', countryCode: 'DE' },
  '87_OSError.jpg': { town: 'Florence', country: 'Italy', countryCode: 'IT' },
  'DSCN0010.jpg': { town: 'Arezzo', country: 'Italy', countryCode: 'IT' },
  'DSCN0012.jpg': { town: 'Arezzo', country: 'Italy', countryCode: 'IT' },
  'DSCN0021.jpg': { town: 'Arezzo', country: 'Italy', countryCode: 'IT' },
  'DSCN0025.jpg': { town: 'Arezzo', country: 'Italy', countryCode: 'IT' },
  'DSCN0027.jpg': { town: 'Arezzo', country: 'Italy', countryCode: 'IT' },
  'DSCN0029.jpg': { town: 'Arezzo', country: 'Italy', countryCode: 'IT' },
  'DSCN0038.jpg': { town: 'Arezzo', country: 'Italy', countryCode: 'IT' },
  'DSCN0040.jpg': { town: 'Arezzo', country: 'Italy', countryCode: 'IT' },
  'DSCN0042.jpg': { town: 'Arezzo', country: 'Italy', countryCode: 'IT' },
  'HMD_Nokia_8.3_5G_hdr.heif': { town: 'Colmenar Viejo', country: 'Spain', countryCode: 'ES' },
  'IMG_5195.HEIC': { town: 'Blue Springs', country: 'United States of America', countryCode: 'US', region: 'Missouri' },
  'Kodak_CX7530.jpg': { town: 'Nakuru', country: 'Kenya', countryCode: 'KE' },
  'iphone_hdr_YES.jpg': { town: 'Madrid', country: 'Spain', countryCode: 'ES' },
};
