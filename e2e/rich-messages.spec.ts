/**
 * Replies (XEP-0461), reactions (XEP-0444) and the Message actions menu, between alice (Chromium, through
 * the web host) and bob (a scripted peer), through the real Prosody.
 */
import { startPeer } from './peer.ts';
import { expect, signIn, test } from './fixtures.ts';

test('reply with a quote that jumps to the original; react and unreact; edit and retract from Message actions', async ({ page, server, webHost }) => {
  const { alice, bob } = server.accounts;
  await page.goto(webHost.url);
  await signIn(page, server, alice);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  const bobPeer = await startPeer(server, bob, { resource: 'rich' });
  try {
    await page.getByRole('list', { name: 'Contacts' }).getByRole('listitem', { name: /Bob.*Online/u }).click();
    const log = page.getByRole('log', { name: 'Conversation with Bob' });
    const composer = page.getByRole('textbox', { name: 'Message', exact: true });

    // Unique per run: the shared accounts' archive brings earlier runs' messages into the log too.
    const run = Math.random().toString(36).slice(2, 8);
    const lunchId = `lunch-${run}`;
    await bobPeer.sendMessage(alice.jid, `Lunch at noon? ${run}`, { id: lunchId });
    const his = log.locator('article.message-in').filter({ hasText: `Lunch at noon? ${run}` });
    await expect(his).toBeVisible();

    // The menu, by keyboard: Enter opens it on its first item, arrows move, Escape closes and gives focus back.
    const actions = his.getByRole('button', { name: 'Message actions' });
    const menu = his.getByRole('menu', { name: 'Message actions' });
    // The archive catch-up may redraw the log just then (focus lost with the old row): open it again if so.
    await expect(async () => {
      await actions.focus();
      await page.keyboard.press('Enter');
      await expect(menu.getByRole('menuitem', { name: 'Reply' })).toBeFocused({ timeout: 1_500 });
    }).toPass({ timeout: 15_000 });
    await expect(menu.getByRole('menuitem')).toHaveText(['Reply', 'React']);
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'React' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(actions).toBeFocused();

    // Reply: the quote above the composer, then the reply with its quoted fallback at bob's.
    await actions.click();
    await menu.getByRole('menuitem', { name: 'Reply' }).click();
    const replying = page.getByRole('group', { name: 'Replying to' });
    await expect(replying).toContainText(`Lunch at noon? ${run}`);
    await expect(composer).toBeFocused();
    await composer.fill(`Yes, see you there. ${run}`);
    await composer.press('Enter');
    const reply = await bobPeer.waitForMessage((message) => message.body.endsWith(`Yes, see you there. ${run}`));
    expect(reply.body).toBe(`> Lunch at noon? ${run}\nYes, see you there. ${run}`);
    expect(reply.stanza.getChild('reply', 'urn:xmpp:reply:0')?.attrs.id).toBe(lunchId);
    expect(reply.stanza.getChild('fallback', 'urn:xmpp:fallback:0')?.attrs.for).toBe('urn:xmpp:reply:0');
    await expect(replying).toHaveCount(0);
    const mine = log.getByRole('article').filter({ hasText: `Yes, see you there. ${run}` });
    const quote = mine.getByRole('button', { name: `In reply to Bob: Lunch at noon? ${run}` });
    await expect(quote).toBeVisible();
    // The quote jumps to the original and focuses it.
    await quote.click();
    await expect(his).toBeFocused();

    // React with 👍 from the picker: a button "👍 1", pressed (ours); bob gets the set.
    await his.getByRole('button', { name: 'Message actions' }).click();
    await his.getByRole('menuitem', { name: 'React' }).click();
    const picker = his.getByRole('menu', { name: 'Pick a reaction' });
    for (const emoji of ['👍', '❤️', '😂', '😮', '😢', '🙏']) await expect(picker.getByRole('menuitemcheckbox', { name: emoji })).toBeVisible();
    await picker.getByRole('menuitemcheckbox', { name: '👍' }).click();
    const thumbs = his.getByRole('button', { name: '👍 1' });
    await expect(thumbs).toHaveAttribute('aria-pressed', 'true');
    await expect(thumbs).toHaveAttribute('title', 'You reacted with 👍');
    const reaction = await bobPeer.waitForStanza((stanza) => stanza.getChild('reactions', 'urn:xmpp:reactions:0')?.getChildText('reaction') === '👍');
    expect(reaction.getChild('reactions', 'urn:xmpp:reactions:0')?.attrs.id).toBe(lunchId);
    // Bob reacts too: 2; clicking ours takes it back: 1, not pressed.
    await bobPeer.sendRaw(`<message to='${alice.jid}' type='chat' id='bob-r1'><reactions xmlns='urn:xmpp:reactions:0' id='${lunchId}'><reaction>👍</reaction></reactions></message>`);
    await expect(his.getByRole('button', { name: '👍 2' })).toBeVisible();
    await his.getByRole('button', { name: '👍 2' }).click();
    await expect(his.getByRole('button', { name: '👍 1' })).toHaveAttribute('aria-pressed', 'false');
    await bobPeer.waitForStanza((stanza) => {
      const element = stanza.getChild('reactions', 'urn:xmpp:reactions:0');
      return element !== undefined && element.getChildren('reaction').length === 0;
    });

    // Bob reacts to alice's reply: shown under it, not as a message.
    await bobPeer.sendRaw(`<message to='${alice.jid}' type='chat' id='bob-r2'><reactions xmlns='urn:xmpp:reactions:0' id='${reply.id}'><reaction>❤️</reaction></reactions></message>`);
    await expect(mine.getByRole('button', { name: '❤️ 1' })).toHaveAttribute('aria-pressed', 'false');
    await expect(log.getByRole('article').filter({ hasText: '❤️' })).toHaveCount(1);

    // Edit and Retract are in the menu of one's own messages.
    await mine.getByRole('button', { name: 'Message actions' }).click();
    await expect(mine.getByRole('menuitem')).toHaveText(['Reply', 'React', 'Edit', 'Retract']);
    await mine.getByRole('menuitem', { name: 'Edit' }).click();
    await expect(composer).toHaveValue(`Yes, see you there. ${run}`);
    await composer.fill(`Yes, see you at noon. ${run}`);
    await composer.press('Enter');
    const correction = await bobPeer.waitForMessage((message) => message.body === `Yes, see you at noon. ${run}`);
    expect(correction.stanza.getChild('replace', 'urn:xmpp:message-correct:0')?.attrs.id).toBe(reply.id);
    const corrected = log.getByRole('article').filter({ hasText: `Yes, see you at noon. ${run}` });
    await expect(corrected).toContainText('Edited');
    await corrected.getByRole('button', { name: 'Message actions' }).click();
    await corrected.getByRole('menuitem', { name: 'Retract' }).click();
    await bobPeer.waitForStanza((stanza) => stanza.getChild('retract', 'urn:xmpp:message-retract:1')?.attrs.id === reply.id);
    await expect(log.locator(`article[data-message-id="${reply.id}"]`)).toContainText('You retracted this message.');
  } finally {
    await bobPeer.stop();
  }
});
