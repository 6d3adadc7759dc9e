import { mockServices } from '@backstage/backend-test-utils';
import { audited } from './audited';

describe('audited', () => {
  const event = {
    eventId: 'thing-update',
    severityLevel: 'medium',
    meta: { thingId: 't1' },
  } as const;

  it('creates the event before the change and succeeds it with the meta the change returns', async () => {
    const auditor = mockServices.auditor.mock();
    const order: string[] = [];
    auditor.createEvent.mockImplementation(async () => {
      order.push('created');
      return {
        success: jest.fn(async () => void order.push('succeeded')),
        fail: jest.fn(),
      };
    });

    const value = await audited(auditor, event, async () => {
      order.push('changed');
      return { value: 42, meta: { thingId: 't1', after: 'x' } };
    });

    expect(value).toBe(42);
    expect(order).toEqual(['created', 'changed', 'succeeded']);
    expect(auditor.createEvent).toHaveBeenCalledWith(event);
    const created = await auditor.createEvent.mock.results[0].value;
    expect(created.success).toHaveBeenCalledWith({
      meta: { thingId: 't1', after: 'x' },
    });
    expect(created.fail).not.toHaveBeenCalled();
  });

  it('fails the event with the error and the event meta, and throws the error on', async () => {
    const auditor = mockServices.auditor.mock();
    const refused = new Error('no');

    await expect(
      audited(auditor, event, async () => {
        throw refused;
      }),
    ).rejects.toBe(refused);

    const created = await auditor.createEvent.mock.results[0].value;
    expect(created.fail).toHaveBeenCalledWith({
      error: refused,
      meta: { thingId: 't1' },
    });
    expect(created.success).not.toHaveBeenCalled();
  });
});
