import {
  PROFILE_VERSION,
  type Profile,
  ProfileSchema,
  SESSION_MIGRATIONS,
  SESSION_VERSION,
  type Session,
  SessionSchema,
  writeSession,
} from '../engine/index.js';
import { openStore, type Store, type StoreOptions } from '../store/index.js';

/** Everything `openStore` takes but the codecs, which are the interviews' own. */
export type InterviewStoreOptions = Omit<StoreOptions<Session, Profile>, 'sessions' | 'profiles'>;

/** Opens the store of interviews: sessions (with their migrations from older versions) and profiles. */
export function openInterviewStore(options: InterviewStoreOptions): Store<Session, Profile> {
  return openStore<Session, Profile>({
    ...options,
    sessions: { version: SESSION_VERSION, schema: SessionSchema, migrations: SESSION_MIGRATIONS, write: writeSession },
    profiles: { version: PROFILE_VERSION, schema: ProfileSchema },
  });
}
