import { CommanderError, type Command } from 'commander';
import type { LibraryService } from '../core/library/LibraryService.js';
import { acquireWriterLock } from '../core/library/writerLock.js';
import { withOpenLibrary } from './openLibrary.js';
import type { PersonView } from '../contract/views.js';
import { ExitCode, printJson } from './output.js';

/** The program-wide options these commands honour (see main.ts). */
export interface PeopleGlobals {
  dataDir: string;
  json: boolean;
}

/** Opens the library for one command; a regrouping also takes the writer lock, as indexing does. */
async function withPeople<T>(globals: PeopleGlobals, access: 'read' | 'write' | 'regroup', fn: (library: LibraryService) => T | Promise<T>): Promise<T> {
  return withOpenLibrary({ dataDir: globals.dataDir, access: access === 'read' ? 'read' : 'write' }, async (library) => {
    const release = access === 'regroup' ? acquireWriterLock(library.paths.lock) : () => {};
    try {
      return await fn(library);
    } finally {
      release();
    }
  });
}

function personId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CommanderError(ExitCode.usage, 'phototag.invalidArgument', `phototag: a person is given by the id \`phototag people\` lists, got "${value}"`);
  return n;
}

function printPeople(people: readonly PersonView[]): void {
  if (people.length === 0) {
    console.log('No people yet: index photos with faces (phototag index); groups form once a person has 3 faces.');
    return;
  }
  for (const p of people) console.log(`${String(p.id).padStart(5)}  ${(p.name ?? '(unnamed)').padEnd(24)} ${String(p.faces).padStart(5)} faces  ${p.examplePath ?? ''}`);
}

/**
 * `phototag people` [--regroup], `people name <id> <name>`, `people merge <from> <into>`, `people remove-face <face>`,
 * `people assign <face> <person|name>`, `people undo`.
 */
export function registerPeopleCommands(program: Command, globals: () => PeopleGlobals): void {
  const people = program
    .command('people')
    .description('the people found in your photos (groups of faces): list, name, merge, regroup')
    .option('--regroup', 'group every face again now (keeps the names and the faces you placed)', false)
    .action((cmd: { regroup: boolean }) =>
      withPeople(globals(), cmd.regroup ? 'regroup' : 'read', async (lib) => {
        const regrouped = cmd.regroup ? await lib.people.regroup() : null;
        const list = lib.people.list();
        if (globals().json) printJson(regrouped ? { regrouped, people: list } : { people: list });
        else {
          if (regrouped) console.log(`Regrouped ${regrouped.faces} faces into ${regrouped.people} people (${regrouped.newGroups} of them unnamed, ${regrouped.ungrouped} faces in no group) in ${regrouped.ms} ms.`);
          printPeople(list);
        }
      }),
    );

  people
    .command('name')
    .description('name a group; a name another group already has merges the two')
    .argument('<person>', 'the id from `phototag people`')
    .argument('<name>', 'e.g. "Alice Smith"')
    .action((id: string, name: string) =>
      withPeople(globals(), 'write', (lib) => {
        const person = lib.people.name(personId(id), name);
        if (globals().json) printJson(person);
        else console.log(`Person ${person.id} is now "${person.name}" (${person.faces} faces). Find the photos with: phototag search 'person:"${person.name}"'`);
      }),
    );

  people
    .command('merge')
    .description('put every face of one person into another')
    .argument('<from>', 'the person whose faces move')
    .argument('<into>', 'the person who keeps them')
    .action((from: string, into: string) =>
      withPeople(globals(), 'write', (lib) => {
        const person = lib.people.merge(personId(from), personId(into));
        if (globals().json) printJson(person);
        else console.log(`Merged into person ${person.id}${person.name ? ` "${person.name}"` : ''}: ${person.faces} faces.`);
      }),
    );

  people
    .command('remove-face')
    .description('take a face out of its person (it will not be put back there)')
    .argument('<face>', 'the face id from `phototag show <photo> --json`')
    .action((face: string) =>
      withPeople(globals(), 'write', (lib) => {
        lib.people.removeFace(personId(face));
        if (globals().json) printJson({ removed: Number(face) });
        else console.log(`Face ${face} is no longer in that person.`);
      }),
    );

  people
    .command('assign')
    .description('put one face in a person: by id, or by name (that person, else a new one); it stays there')
    .argument('<face>', 'the face id from `phototag show <photo> --json`')
    .argument('<person>', 'a person id from `phototag people`, or a name like "Alice Smith"')
    .action((face: string, person: string) =>
      withPeople(globals(), 'write', (lib) => {
        const target = /^\d+$/.test(person) ? { personId: personId(person) } : { name: person };
        const photoId = lib.people.assignFace(personId(face), target);
        const placed = lib.photo(photoId).faces.find((f) => f.id === Number(face));
        if (globals().json) printJson(placed);
        else console.log(`Face ${face} is now ${placed?.personName ? `"${placed.personName}"` : `in person ${placed?.personId}`} (person ${placed?.personId}). Undo with: phototag people undo`);
      }),
    );

  people
    .command('recognition')
    .description('face recognition for this library: off erases every face descriptor now (faces stay counted, names stay); on describes and groups faces again at the next index')
    .argument('[state]', 'on or off; without it, says which it is')
    .action((state: string | undefined) => {
      if (state !== undefined && state !== 'on' && state !== 'off') {
        throw new CommanderError(ExitCode.usage, 'phototag.invalidArgument', `phototag: face recognition is turned "on" or "off", got "${state}"`);
      }
      // Changing it takes the writer lock: an indexer running elsewhere would go on describing faces.
      return withPeople(globals(), state === undefined ? 'read' : 'regroup', (lib) => {
        const changed = state === undefined ? null : lib.setFaceRecognition(state === 'on');
        const on = changed?.faceRecognition ?? lib.faceRecognition;
        if (globals().json) printJson(changed ?? { faceRecognition: on });
        else if (!changed) console.log(`Face recognition is ${on ? 'on' : 'off'} for this library.`);
        else if (on) console.log(`Face recognition is on. ${changed.photos} photos with faces are queued; run phototag index to describe and group them.`);
        else console.log(`Face recognition is off: the face descriptors of ${changed.photos} photos were erased from the library. Faces are still found and counted; the people you named keep their names.`);
      });
    });

  people
    .command('undo')
    .description('take back the newest people decision (name, merge, remove-face, assign, a No, hide); again walks further back')
    .action(() =>
      withPeople(globals(), 'write', (lib) => {
        const undone = lib.people.undo();
        if (globals().json) printJson(undone);
        else console.log(`Undone: ${undone.label}.`);
      }),
    );
}

