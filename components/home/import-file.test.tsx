// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult, CreatedWorkshop } from '@/lib/api-client';
import { listRemembered } from '@/lib/workshop-memory';
import { browserStorage } from '@/components/ui/browser-storage';
import { mount as mountElement } from '@/components/testing/mount';
import type { Created } from './home-page';
import { ImportFile } from './import-file';

const LINKS = { facilitator: 'http://x/w/a/facilitate#k=f', participant: 'http://x/w/a#k=p', projector: 'http://x/w/a/projector#k=j' };
afterEach(() => window.localStorage.clear());

function mount(send: (text: string) => Promise<ApiResult<CreatedWorkshop>>) {
  const onCreated = vi.fn<(created: Created) => void>();
  const container = mountElement(
    <ImportFile heading="Start from a BPMN file" description="…" choose="Choose a BPMN file…" accept=".bpmn" send={send} titleOf={(name) => name.replace(/\.bpmn$/, '')} onCreated={onCreated} />,
  );
  const input = container.querySelector('input[type="file"]') as HTMLInputElement;
  const choose = async (name: string, content: string | Error) => {
    const file = new File([typeof content === 'string' ? content : ''], name, { type: 'application/xml' });
    // jsdom's File has no text(); a browser's does.
    Object.defineProperty(file, 'text', { value: () => (typeof content === 'string' ? Promise.resolve(content) : Promise.reject(content)) });
    Object.defineProperty(input, 'files', { configurable: true, value: [file] });
    await act(async () => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
  };
  return { container, input, choose, onCreated };
}

describe('importing a file as a new workshop', () => {
  it('sends the file, says it is working, then hands over the links and the title the server gave', async () => {
    let answer!: (result: ApiResult<CreatedWorkshop>) => void;
    const send = vi.fn((text: string) => {
      void text;
      return new Promise<ApiResult<CreatedWorkshop>>((resolve) => (answer = resolve));
    });
    const { container, input, choose, onCreated } = mount(send);
    expect(input.closest('label')!.textContent).toBe('Choose a BPMN file…');
    await choose('diagram.bpmn', '<definitions/>');
    expect(send).toHaveBeenCalledWith('<definitions/>');
    expect(input.closest('label')!.textContent).toBe('Importing…');
    expect(container.querySelector('[role="status"]')!.textContent).toContain('creating the workshop');
    expect(container.querySelector('section')!.getAttribute('aria-busy')).toBe('true');
    // The input stays enabled, so keyboard focus is not thrown away.
    expect(input.disabled).toBe(false);

    await act(async () => answer({ ok: true, status: 201, body: { id: 'a', links: LINKS, title: 'Order to cash' } }));
    expect(onCreated).toHaveBeenCalledWith({ id: 'a', title: 'Order to cash', links: LINKS });
    expect(listRemembered(browserStorage()).map((w) => [w.id, w.title])).toEqual([['a', 'Order to cash']]);
    expect(input.closest('label')!.textContent).toBe('Choose a BPMN file…');
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });

  it('names the file when the server names no title', async () => {
    const { choose, onCreated } = mount(async () => ({ ok: true, status: 201, body: { id: 'b', links: LINKS } }));
    await choose('order-to-cash.bpmn', '<definitions/>');
    expect(onCreated).toHaveBeenCalledWith({ id: 'b', title: 'order-to-cash', links: LINKS });
  });

  it('shows the server’s reason for a refused file, and creates and remembers nothing', async () => {
    const { container, input, choose, onCreated } = mount(async () => ({ ok: false, status: 400, statusText: 'Bad Request', error: 'This is not a BPMN 2.0 file (no <definitions> element).' }));
    await choose('logo.bpmn', '<svg/>');
    const alert = container.querySelector('[role="alert"]')!;
    expect(alert.textContent).toBe('logo.bpmn: This is not a BPMN 2.0 file (no <definitions> element). Nothing was created.');
    expect(input.getAttribute('aria-describedby')).toBe(alert.id);
    expect(onCreated).not.toHaveBeenCalled();
    expect(listRemembered(browserStorage())).toEqual([]);
  });

  it('says so when the file cannot be read, and sends nothing', async () => {
    const send = vi.fn(async () => ({ ok: true as const, status: 201, body: { id: 'c', links: LINKS } }));
    const { container, choose, onCreated } = mount(send);
    await choose('gone.bpmn', new DOMException('The file was removed', 'NotReadableError'));
    expect(container.querySelector('[role="alert"]')!.textContent).toBe('gone.bpmn could not be read. Nothing was created.');
    expect(send).not.toHaveBeenCalled();
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('says so when the server cannot be reached', async () => {
    const { container, choose, onCreated } = mount(() => Promise.reject(new TypeError('Failed to fetch')));
    await choose('p.bpmn', '<definitions/>');
    expect(container.querySelector('[role="alert"]')!.textContent).toBe('The server could not be reached. Nothing was created.');
    expect(onCreated).not.toHaveBeenCalled();
  });
});
