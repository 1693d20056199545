import { randomBytes } from 'node:crypto';
import { type Connection, type Model, Schema } from 'mongoose';
import type { ChangeEvent } from '../events';
import { connectMongo } from '../mongo';
import { applySnapshots } from '../snapshots';

interface Unit {
  _id: string;
  name: string;
  version: number;
}

let conn: Connection;
beforeAll(async () => {
  conn = await connectMongo(process.env.MONGO_URL!, `snapshots_${randomBytes(4).toString('hex')}`);
});
afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
});

const model = (): Model<Unit> =>
  (conn.models.Unit as Model<Unit> | undefined) ??
  conn.model<Unit>(
    'Unit',
    new Schema<Unit>({ _id: String, name: String, version: Number }, { versionKey: false }),
  );
const options = {
  type: 'Unit',
  fromEvent: (e: ChangeEvent) => {
    const name = (e.data as { name?: string } | undefined)?.name;
    return name ? { _id: e.id, name, version: e.version } : null;
  },
};
const upsert = (id: string, version: number, name: string): ChangeEvent => ({
  type: 'Unit',
  id,
  op: 'upsert',
  version,
  data: { name },
});
const apply = (...events: ChangeEvent[]) => applySnapshots(model(), events, options);

describe('versioned snapshot read models', () => {
  it('ignores other types, and reports what it applied', async () => {
    const result = await apply(upsert('u1', 1, '甲'), { ...upsert('o1', 9, '乙'), type: 'Organization' });
    expect(result).toEqual({ applied: [upsert('u1', 1, '甲')], suspect: [] });
    expect(await model().find().lean()).toEqual([{ _id: 'u1', name: '甲', version: 1 }]);
  });

  it('deletes on a delete at or above the held version only', async () => {
    await apply(upsert('u2', 2, '丙'));
    await apply({ type: 'Unit', id: 'u2', op: 'delete', version: 1 });
    expect(await model().findById('u2').lean()).toMatchObject({ version: 2 });
    await apply({ type: 'Unit', id: 'u2', op: 'delete', version: 3 });
    expect(await model().findById('u2').lean()).toBeNull();
  });

  it('keeps a newer snapshot against an older one arriving later, in one batch or the next', async () => {
    await apply(upsert('u3', 4, '旧'), upsert('u3', 5, '新'));
    await apply(upsert('u3', 4, '旧'));
    expect(await model().findById('u3').lean()).toEqual({ _id: 'u3', name: '新', version: 5 });
  });
});

describe('what the read model holds against the source', () => {
  it('takes a newer version with the same content, so the next version is no gap', async () => {
    await apply(upsert('u4', 1, '丁'));
    expect(await apply(upsert('u4', 2, '丁'))).toEqual({ applied: [upsert('u4', 2, '丁')], suspect: [] });
    expect(await apply(upsert('u4', 3, '戊'))).toMatchObject({ suspect: [] });
    expect(await model().findById('u4').lean()).toEqual({ _id: 'u4', name: '戊', version: 3 });
  });

  it('marks a second content at the held version suspect, and a resync replaces it at that version', async () => {
    await apply(upsert('u5', 2, '己'));
    expect(await apply(upsert('u5', 2, '庚'))).toEqual({ applied: [], suspect: ['u5'] });
    expect((await model().findById('u5').lean())?.name).toBe('己');
    const resync = { ...upsert('u5', 2, '庚'), resync: true };
    expect(await apply(resync)).toEqual({ applied: [resync], suspect: [] });
    expect(await apply(resync)).toEqual({ applied: [], suspect: [] });
    expect(await model().findById('u5').lean()).toEqual({ _id: 'u5', name: '庚', version: 2 });
  });

  it('takes the version after a gap but marks it suspect; an event without a snapshot only the latter', async () => {
    await apply(upsert('u6', 1, '辛'));
    expect(await apply(upsert('u6', 3, '壬'))).toEqual({ applied: [upsert('u6', 3, '壬')], suspect: ['u6'] });
    expect(await apply({ type: 'Unit', id: 'u6', op: 'upsert', version: 4 })).toEqual({
      applied: [],
      suspect: ['u6'],
    });
    expect(await model().findById('u6').lean()).toEqual({ _id: 'u6', name: '壬', version: 3 });
  });

  it('leaves records stored after its read in place, and still writes the rest (another replica was quicker)', async () => {
    await apply(upsert('u7', 1, '癸'), upsert('u8', 1, '子'));
    await apply(upsert('u7', 5, '丑'), upsert('u8', 5, '寅'), upsert('u9', 5, '巳'));
    // The batch reads the older state: the other replica's writes land after the read. The refused
    // statement comes first in each command, where FerretDB would stop.
    const stale = [
      { _id: 'u7', name: '癸', version: 1 },
      { _id: 'u8', name: '子', version: 1 },
    ];
    // Every query of the read (one `$in`, or one per id where FerretDB serves equality) sees it.
    const held = (filter: { _id: string | { $in: string[] } }) =>
      stale.filter((d) =>
        typeof filter._id === 'string' ? filter._id === d._id : filter._id.$in.includes(d._id),
      );
    const read = jest.spyOn(model(), 'find').mockImplementation(((filter: {
      _id: string | { $in: string[] };
    }) => ({
      lean: async () => held(filter),
    })) as never);
    const result = await apply(
      upsert('u7', 3, '卯'),
      upsert('u8', 6, '辰'),
      upsert('u9', 2, '午'),
      upsert('u10', 1, '未'),
    );
    read.mockRestore();
    expect(result.applied.map((e) => e.id)).toEqual(['u7', 'u8', 'u9', 'u10']);
    expect(
      await model()
        .find({ _id: { $in: ['u7', 'u8', 'u9', 'u10'] } })
        .sort({ _id: 1 })
        .lean(),
    ).toEqual([
      { _id: 'u10', name: '未', version: 1 },
      { _id: 'u7', name: '丑', version: 5 },
      { _id: 'u8', name: '辰', version: 6 },
      { _id: 'u9', name: '巳', version: 5 },
    ]);
  });
});
