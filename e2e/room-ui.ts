/** Creating a room through the UI's Create room dialog, as the room specs and the screen checks do. */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/** Creates `room` (local@service) with our nickname; resolves to the room's log once it is shown. */
export async function createRoomInUi(page: Page, room: string, nickname = 'Me'): Promise<Locator> {
  await page.getByRole('button', { name: 'Create room' }).click();
  const create = page.getByRole('dialog', { name: 'Create room' });
  await create.getByRole('textbox', { name: 'Room address' }).fill(room);
  await create.getByRole('textbox', { name: 'Nickname' }).fill(nickname);
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(create).toHaveCount(0);
  const log = page.getByRole('log', { name: `Room ${room.slice(0, room.indexOf('@'))}` });
  await expect(log).toBeVisible();
  return log;
}
