// The people list as screens use it: the engine's columnar rows decoded, with township and village names,
// the masked ID, and the text the quick search matches. Shared by 人员台账 and the placement dialog.
import { decodePeopleList, type ChannelOutput, type PersonListRow } from '../../shared/contract/schemas';
import { maskIdNumber } from '../../shared/domain/id-number';
import type { Townships } from './App';

export type GridPerson = PersonListRow & { townshipName: string; villageName: string; idMasked: string; searchText: string };

export function peopleRowMaker(townships: Townships): (row: PersonListRow) => GridPerson {
  const township = new Map(townships.map((t) => [t.code, t.name]));
  const village = new Map(townships.flatMap((t) => t.villages.map((v) => [v.code, v.displayName] as const)));
  return (row) => {
    const townshipName = township.get(row.townshipCode) ?? row.townshipCode;
    const villageName = village.get(row.villageCode) ?? row.villageCode;
    return {
      ...row, townshipName, villageName, idMasked: row.idNumber.includes('*') ? row.idNumber : maskIdNumber(row.idNumber),
      // What the quick search matches: name, pinyin initials, ID (any part, where the actor sees it), places, household, phone.
      searchText: [row.name, row.nameInitials, row.idNumber, townshipName, villageName, row.householdNo, row.phone].join(' ').toLowerCase(),
    };
  };
}

export function peopleRows(list: ChannelOutput<'people.list'>, townships: Townships): GridPerson[] {
  return decodePeopleList(list).map(peopleRowMaker(townships));
}
