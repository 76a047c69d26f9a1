import { createContext, useContext } from 'react';
import type { User } from '../api/types';

export const UserContext = createContext<User | null>(null);

/** The signed-in user; only valid below RequireAuth. */
export function useUser(): User {
  const user = useContext(UserContext);
  if (!user) throw new Error('useUser() called outside RequireAuth');
  return user;
}
