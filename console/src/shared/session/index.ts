export {
  type Role,
  type SessionInfo,
  type SessionState,
  type User,
  SessionProvider,
  useSession,
  useUser,
} from './session';
