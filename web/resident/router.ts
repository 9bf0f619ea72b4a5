import { useFamilyRoute } from '../shared/moving/router';

/** The resident family's routes (see ResidentApp). */
export function useRoute() {
  return useFamilyRoute('resident');
}

let flash: 'deleted' | undefined;

/** A one-time message for the next screen ("the draft was deleted"). */
export function setFlash(message: 'deleted' | undefined): void {
  flash = message;
}

export function takeFlash(): 'deleted' | undefined {
  const message = flash;
  flash = undefined;
  return message;
}
