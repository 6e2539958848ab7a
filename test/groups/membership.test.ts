// planMembers: behaviour 14 (PROTOCOL.md, Additions A) as a pure function over the members as locked.
import { expect } from 'chai';
import { GroupRuleError, planMembers, type MembersRequest, type MembershipPlan } from '../../src/groups/membership.js';
import { GroupEventKind, GroupRole } from '../../src/protocol/messages.js';

const { GROUP_ROLE_OWNER: OWNER_ROLE, GROUP_ROLE_ADMIN: ADMIN_ROLE, GROUP_ROLE_MEMBER: MEMBER_ROLE } = GroupRole;
const { MEMBERS_ADDED, MEMBERS_REMOVED, ROLES_CHANGED, MEMBER_LEFT } = GroupEventKind;

// Ids a JS number cannot hold, and ids either side of 2^63 (signed storage flips their order).
const OWNER = '9007199254740993';
const ADMIN = '9223372036854775807';
const MEMBER = '9223372036854775808';
const OTHER = '18446744073709551615';
const NEW_A = '9';
const NEW_B = '10';
const OUTSIDER = '4611686018427387905';

const MAX = 10_000;

function group(extra: Array<[string, GroupRole]> = []): Map<string, GroupRole> {
  return new Map<string, GroupRole>([[OWNER, OWNER_ROLE], [ADMIN, ADMIN_ROLE], [MEMBER, MEMBER_ROLE], [OTHER, MEMBER_ROLE], ...extra]);
}

const req = (fields: Partial<MembersRequest>): MembersRequest => ({ add: [], remove: [], promote: [], demote: [], ...fields });

function refusal(fn: () => unknown): GroupRuleError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(GroupRuleError);
    return err as GroupRuleError;
  }
  expect.fail('expected a GroupRuleError');
}

const kinds = (plan: MembershipPlan) => plan.events.map((e) => e.kind);

describe('planMembers (behaviour 14)', () => {
  describe('adding and removing', () => {
    for (const [who, actor] of [['the owner', OWNER], ['an admin', ADMIN]] as const) {
      it(`lets ${who} add members, as MEMBER`, () => {
        const plan = planMembers(group(), actor, req({ add: [NEW_B, NEW_A] }), MAX);
        expect(plan.events).to.deep.equal([{ kind: MEMBERS_ADDED, userIds: [NEW_A, NEW_B] }]);
        expect([...plan.roles]).to.have.deep.members([[NEW_A, MEMBER_ROLE], [NEW_B, MEMBER_ROLE]]);
        expect(plan.removed).to.deep.equal([]);
      });

      it(`lets ${who} remove members`, () => {
        const plan = planMembers(group(), actor, req({ remove: [OTHER, MEMBER] }), MAX);
        expect(plan.events).to.deep.equal([{ kind: MEMBERS_REMOVED, userIds: [MEMBER, OTHER] }]);
        expect([...plan.removed].sort()).to.deep.equal([MEMBER, OTHER].sort());
        expect(plan.roles.size).to.equal(0);
      });
    }

    it('lets an admin remove another admin', () => {
      const plan = planMembers(group([[NEW_A, ADMIN_ROLE]]), ADMIN, req({ remove: [NEW_A] }), MAX);
      expect(plan.events).to.deep.equal([{ kind: MEMBERS_REMOVED, userIds: [NEW_A] }]);
    });

    it('refuses a plain member adding (FORBIDDEN)', () => {
      expect(refusal(() => planMembers(group(), MEMBER, req({ add: [NEW_A] }), MAX)).code).to.equal('FORBIDDEN');
    });

    it('refuses a plain member removing someone else (FORBIDDEN)', () => {
      expect(refusal(() => planMembers(group(), MEMBER, req({ remove: [OTHER] }), MAX)).code).to.equal('FORBIDDEN');
    });

    it('refuses a plain member removing someone else while leaving (FORBIDDEN)', () => {
      expect(refusal(() => planMembers(group(), MEMBER, req({ remove: [MEMBER, OTHER] }), MAX)).code).to.equal('FORBIDDEN');
    });

    for (const [who, actor] of [['an admin', ADMIN], ['an operator', null]] as const) {
      it(`refuses ${who} removing the owner (FORBIDDEN)`, () => {
        expect(refusal(() => planMembers(group(), actor, req({ remove: [OWNER] }), MAX)).code).to.equal('FORBIDDEN');
      });
    }

    it('refuses an actor that is not a member, whatever it asks (FORBIDDEN)', () => {
      for (const r of [req({ add: [NEW_A] }), req({ remove: [MEMBER] }), req({ promote: [MEMBER] }), req({ remove: [OUTSIDER] }), req({})]) {
        expect(refusal(() => planMembers(group(), OUTSIDER, r, MAX)).code).to.equal('FORBIDDEN');
      }
    });
  });

  describe('roles', () => {
    it('lets the owner promote members and demote admins in one ROLES_CHANGED entry', () => {
      const plan = planMembers(group(), OWNER, req({ promote: [OTHER, MEMBER], demote: [ADMIN] }), MAX);
      expect(plan.events).to.deep.equal([{ kind: ROLES_CHANGED, userIds: [ADMIN, MEMBER, OTHER] }]);
      expect([...plan.roles]).to.have.deep.members([[MEMBER, ADMIN_ROLE], [OTHER, ADMIN_ROLE], [ADMIN, MEMBER_ROLE]]);
      expect(plan.removed).to.deep.equal([]);
    });

    it('refuses an admin promoting (FORBIDDEN)', () => {
      expect(refusal(() => planMembers(group(), ADMIN, req({ promote: [MEMBER] }), MAX)).code).to.equal('FORBIDDEN');
    });

    it('refuses an admin demoting, itself included (FORBIDDEN)', () => {
      expect(refusal(() => planMembers(group([[NEW_A, ADMIN_ROLE]]), ADMIN, req({ demote: [NEW_A] }), MAX)).code).to.equal('FORBIDDEN');
      expect(refusal(() => planMembers(group(), ADMIN, req({ demote: [ADMIN] }), MAX)).code).to.equal('FORBIDDEN');
    });

    it('refuses a plain member promoting (FORBIDDEN)', () => {
      expect(refusal(() => planMembers(group(), MEMBER, req({ promote: [OTHER] }), MAX)).code).to.equal('FORBIDDEN');
    });

    it('never changes the owner\'s role, not even at its own or an operator\'s request (FORBIDDEN)', () => {
      for (const actor of [OWNER, null]) {
        expect(refusal(() => planMembers(group(), actor, req({ promote: [OWNER] }), MAX)).code).to.equal('FORBIDDEN');
        expect(refusal(() => planMembers(group(), actor, req({ demote: [OWNER] }), MAX)).code).to.equal('FORBIDDEN');
      }
    });
  });

  describe('leaving', () => {
    for (const [who, actor] of [['a member', MEMBER], ['an admin', ADMIN]] as const) {
      it(`treats ${who} removing itself as leaving (MEMBER_LEFT)`, () => {
        const plan = planMembers(group(), actor, req({ remove: [actor] }), MAX);
        expect(plan.events).to.deep.equal([{ kind: MEMBER_LEFT, userIds: [actor] }]);
        expect(plan.removed).to.deep.equal([actor]);
      });
    }

    it('puts MEMBER_LEFT after the other entries of the leaver\'s own change', () => {
      const plan = planMembers(group(), ADMIN, req({ add: [NEW_A], remove: [ADMIN, OTHER] }), MAX);
      expect(plan.events).to.deep.equal([
        { kind: MEMBERS_ADDED, userIds: [NEW_A] },
        { kind: MEMBERS_REMOVED, userIds: [OTHER] },
        { kind: MEMBER_LEFT, userIds: [ADMIN] },
      ]);
      expect([...plan.removed].sort()).to.deep.equal([ADMIN, OTHER].sort());
    });

    it('refuses the owner leaving while others remain (FORBIDDEN)', () => {
      expect(refusal(() => planMembers(group(), OWNER, req({ remove: [OWNER] }), MAX)).code).to.equal('FORBIDDEN');
      expect(refusal(() => planMembers(new Map([[OWNER, OWNER_ROLE], [MEMBER, MEMBER_ROLE]]), OWNER, req({ remove: [OWNER] }), MAX)).code)
        .to.equal('FORBIDDEN');
    });

    it('lets the owner leave as the last member', () => {
      const plan = planMembers(new Map([[OWNER, OWNER_ROLE]]), OWNER, req({ remove: [OWNER] }), MAX);
      expect(plan.events).to.deep.equal([{ kind: MEMBER_LEFT, userIds: [OWNER] }]);
      expect(plan.removed).to.deep.equal([OWNER]);
    });

    it('refuses the owner leaving in the same request that adds someone (FORBIDDEN)', () => {
      expect(refusal(() => planMembers(new Map([[OWNER, OWNER_ROLE]]), OWNER, req({ add: [NEW_A], remove: [OWNER] }), MAX)).code)
        .to.equal('FORBIDDEN');
    });

    it('does not treat an operator\'s removals as anyone leaving', () => {
      const plan = planMembers(group(), null, req({ remove: [MEMBER] }), MAX);
      expect(kinds(plan)).to.deep.equal([MEMBERS_REMOVED]);
    });
  });

  describe('the size limit', () => {
    const full = (n: number) => new Map<string, GroupRole>([[OWNER, OWNER_ROLE], ...Array.from({ length: n - 1 }, (_, i): [string, GroupRole] => [String(100 + i), MEMBER_ROLE])]);

    it('allows adding up to exactly maxMembers', () => {
      const plan = planMembers(full(3), OWNER, req({ add: [NEW_A, NEW_B] }), 5);
      expect(plan.events).to.deep.equal([{ kind: MEMBERS_ADDED, userIds: [NEW_A, NEW_B] }]);
    });

    it('refuses adding beyond maxMembers (LIMIT_EXCEEDED)', () => {
      expect(refusal(() => planMembers(full(4), OWNER, req({ add: [NEW_A, NEW_B] }), 5)).code).to.equal('LIMIT_EXCEEDED');
      expect(refusal(() => planMembers(full(5), null, req({ add: [NEW_A] }), 5)).code).to.equal('LIMIT_EXCEEDED');
    });

    it('counts duplicates and current members among the added only once', () => {
      const plan = planMembers(full(4), OWNER, req({ add: [NEW_A, NEW_A, '100'] }), 5);
      expect(plan.events).to.deep.equal([{ kind: MEMBERS_ADDED, userIds: [NEW_A] }]);
    });

    it('counts removals of the same request', () => {
      const plan = planMembers(full(5), OWNER, req({ add: [NEW_A, NEW_B], remove: ['100', '101'] }), 5);
      expect(kinds(plan)).to.deep.equal([MEMBERS_ADDED, MEMBERS_REMOVED]);
      expect(refusal(() => planMembers(full(5), OWNER, req({ add: [NEW_A, NEW_B], remove: ['100'] }), 5)).code).to.equal('LIMIT_EXCEEDED');
    });

    it('does not refuse a request that adds nobody in a group over the limit', () => {
      const plan = planMembers(full(6), OWNER, req({ remove: ['100'], add: ['101'] }), 5);
      expect(kinds(plan)).to.deep.equal([MEMBERS_REMOVED]);
    });

    // The admin's own leave is a removal of the same request: the group ends at exactly maxMembers.
    it('counts the actor leaving in the same request as a removal', () => {
      const members = new Map<string, GroupRole>([[OWNER, OWNER_ROLE], [ADMIN, ADMIN_ROLE], [MEMBER, MEMBER_ROLE]]);
      const plan = planMembers(members, ADMIN, req({ add: [NEW_A], remove: [ADMIN] }), 3);
      expect(kinds(plan)).to.deep.equal([MEMBERS_ADDED, MEMBER_LEFT]);
    });
  });

  describe('no-ops', () => {
    it('leaves out adding a member, removing a non-member, promoting an admin and demoting a member', () => {
      const plan = planMembers(group(), OWNER, req({ add: [MEMBER, NEW_A], remove: [OUTSIDER, OTHER], promote: [ADMIN, MEMBER], demote: [OTHER, NEW_B] }), MAX);
      expect(plan.events).to.deep.equal([
        { kind: MEMBERS_ADDED, userIds: [NEW_A] },
        { kind: MEMBERS_REMOVED, userIds: [OTHER] },
        { kind: ROLES_CHANGED, userIds: [MEMBER] },
      ]);
    });

    it('makes no events for a request that changes nothing', () => {
      for (const actor of [OWNER, null]) {
        const plan = planMembers(group(), actor, req({ add: [MEMBER, OWNER], remove: [OUTSIDER], promote: [ADMIN], demote: [MEMBER] }), MAX);
        expect(plan.events).to.deep.equal([]);
        expect(plan.roles.size).to.equal(0);
        expect(plan.removed).to.deep.equal([]);
      }
      expect(planMembers(group(), OWNER, req({}), MAX).events).to.deep.equal([]);
    });

    it('lets a plain member send an all-no-op request without FORBIDDEN', () => {
      expect(planMembers(group(), MEMBER, req({ add: [OTHER], remove: [OUTSIDER] }), MAX).events).to.deep.equal([]);
    });

    it('ignores duplicates within a list', () => {
      const plan = planMembers(group(), OWNER, req({ add: [NEW_A, NEW_A], remove: [OTHER, OTHER], promote: [MEMBER, MEMBER] }), MAX);
      expect(plan.events).to.deep.equal([
        { kind: MEMBERS_ADDED, userIds: [NEW_A] },
        { kind: MEMBERS_REMOVED, userIds: [OTHER] },
        { kind: ROLES_CHANGED, userIds: [MEMBER] },
      ]);
    });
  });

  describe('order', () => {
    it('orders the entries added, removed, roles changed, left', () => {
      const members = group([[NEW_A, MEMBER_ROLE], [NEW_B, ADMIN_ROLE]]);
      const plan = planMembers(members, OWNER, req({ demote: [NEW_B], promote: [NEW_A], remove: [OTHER], add: [OUTSIDER] }), MAX);
      expect(kinds(plan)).to.deep.equal([MEMBERS_ADDED, MEMBERS_REMOVED, ROLES_CHANGED]);
      const leaving = planMembers(members, ADMIN, req({ remove: [OTHER, ADMIN], add: [OUTSIDER] }), MAX);
      expect(kinds(leaving)).to.deep.equal([MEMBERS_ADDED, MEMBERS_REMOVED, MEMBER_LEFT]);
    });

    it('sorts user ids as unsigned integers, not as text', () => {
      const plan = planMembers(new Map([[OWNER, OWNER_ROLE], [ADMIN, MEMBER_ROLE], [MEMBER, MEMBER_ROLE], ['2', MEMBER_ROLE], ['11', MEMBER_ROLE]]), OWNER,
        req({ add: [OTHER, NEW_B, '100', NEW_A], remove: [MEMBER, '11', ADMIN, '2'] }), MAX);
      expect(plan.events).to.deep.equal([
        { kind: MEMBERS_ADDED, userIds: [NEW_A, NEW_B, '100', OTHER] },
        { kind: MEMBERS_REMOVED, userIds: ['2', '11', ADMIN, MEMBER] },
      ]);
    });

    it('sorts the ids of ROLES_CHANGED across promotions and demotions', () => {
      const members = new Map<string, GroupRole>([[OWNER, OWNER_ROLE], [MEMBER, ADMIN_ROLE], [ADMIN, MEMBER_ROLE], [NEW_B, ADMIN_ROLE], [NEW_A, MEMBER_ROLE]]);
      const plan = planMembers(members, OWNER, req({ promote: [ADMIN, NEW_A], demote: [MEMBER, NEW_B] }), MAX);
      expect(plan.events).to.deep.equal([{ kind: ROLES_CHANGED, userIds: [NEW_A, NEW_B, ADMIN, MEMBER] }]);
    });
  });

  describe('an operator (actor null)', () => {
    it('may add, remove, promote and demote like the owner', () => {
      const plan = planMembers(group(), null, req({ add: [NEW_A], remove: [OTHER], promote: [MEMBER], demote: [ADMIN] }), MAX);
      expect(plan.events).to.deep.equal([
        { kind: MEMBERS_ADDED, userIds: [NEW_A] },
        { kind: MEMBERS_REMOVED, userIds: [OTHER] },
        { kind: ROLES_CHANGED, userIds: [ADMIN, MEMBER] },
      ]);
      expect([...plan.roles]).to.have.deep.members([[NEW_A, MEMBER_ROLE], [MEMBER, ADMIN_ROLE], [ADMIN, MEMBER_ROLE]]);
      expect(plan.removed).to.deep.equal([OTHER]);
    });

    it('is held to the size limit', () => {
      expect(refusal(() => planMembers(new Map([[OWNER, OWNER_ROLE]]), null, req({ add: [NEW_A, NEW_B] }), 2)).code).to.equal('LIMIT_EXCEEDED');
    });
  });
});
