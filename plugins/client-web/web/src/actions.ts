// SPDX-License-Identifier: GPL-3.0-or-later
// Every action of the console, with its default shortcut. Buttons, the command palette and the
// keyboard all run the same actions, so each is reachable in each way. The call functions are
// exactly the engine's commands (docs/sdk/client-api.md). Alt+D and Alt+E are left alone:
// browsers give them to the address bar and the menu.

export interface Action {
  id: string;
  label: string;
  binding: string;   // default shortcut
  group: 'call' | 'workplace' | 'move' | 'contacts' | 'console';
}

// Speed dials 1-9 on Alt+Shift+digit: Alt+digit switches Chromium's tabs on Linux.
const kSpeedDialActions: Action[] = Array.from({ length: 9 }, (_, i) => (
  { id: `speed_dial_${i + 1}`, label: `Speed dial ${i + 1}`, binding: `Alt+Shift+${i + 1}`, group: 'contacts' }));

export const kActions: Action[] = [
  { id: 'pick', label: 'Pick the selected call', binding: 'Alt+P', group: 'call' },
  { id: 'hold', label: 'Hold (to the processing queue)', binding: 'Alt+H', group: 'call' },
  { id: 'transfer', label: 'Supervised transfer to the number', binding: 'Alt+T', group: 'call' },
  { id: 'blind_transfer', label: 'Blind transfer to the number', binding: 'Alt+B', group: 'call' },
  { id: 'park', label: 'Park', binding: 'Alt+K', group: 'call' },
  { id: 'page', label: 'Page (park and announce)', binding: 'Alt+G', group: 'call' },
  { id: 'retrieve', label: 'Retrieve from the processing queue', binding: 'Alt+R', group: 'call' },
  { id: 'hang_up', label: 'Hang up the call', binding: 'Alt+X', group: 'call' },
  { id: 'return_to_queue', label: 'Return the call to the queue', binding: 'Alt+U', group: 'call' },
  { id: 'dial', label: 'Dial the number or the chosen contact', binding: 'Alt+L', group: 'call' },
  { id: 'available', label: 'Available / unavailable', binding: 'Alt+A', group: 'workplace' },
  { id: 'workplace_on', label: 'Log on to the workplace', binding: 'Alt+W', group: 'workplace' },
  { id: 'workplace_off', label: 'Log off from the workplace', binding: 'Alt+Shift+W', group: 'workplace' },
  { id: 'focus_queue', label: 'Go to the caller queue', binding: 'Alt+Q', group: 'move' },
  { id: 'focus_personal', label: 'Go to the personal calls', binding: 'Alt+M', group: 'move' },
  { id: 'focus_processing', label: 'Go to the processing queue', binding: 'Alt+O', group: 'move' },
  { id: 'focus_number', label: 'Go to the number field', binding: 'Alt+N', group: 'move' },
  { id: 'contact_detail', label: 'Open the contact detail view (active or chosen contact)', binding: 'Alt+I', group: 'contacts' },
  { id: 'close_detail', label: 'Close the contact detail view', binding: 'Alt+Shift+I', group: 'contacts' },
  { id: 'focus_forwarding', label: "Go to the contact's forwarding", binding: 'Alt+Shift+F', group: 'contacts' },
  { id: 'add_to_panel', label: 'Add the contact to the busy-lamp panel', binding: 'Alt+Y', group: 'contacts' },
  { id: 'focus_panel', label: 'Go to the busy-lamp panel', binding: 'Alt+Z', group: 'contacts' },
  { id: 'read_panel', label: "Read out the busy-lamp panel's states", binding: 'Alt+Shift+Z', group: 'contacts' },
  { id: 'add_to_speed_dial', label: 'Add the contact to the speed dials', binding: 'Alt+Shift+D', group: 'contacts' },
  { id: 'edit_speed_dial', label: 'Edit the speed dials', binding: 'Alt+V', group: 'contacts' },
  ...kSpeedDialActions,
  { id: 'palette', label: 'Command palette', binding: 'Ctrl+K', group: 'console' },
  { id: 'shortcuts', label: 'Keyboard shortcuts', binding: 'Alt+S', group: 'console' },
  { id: 'reconnect', label: 'Reconnect now', binding: 'Alt+C', group: 'console' },
  { id: 'log_off', label: 'Log off from the console', binding: 'Alt+Shift+Q', group: 'console' },
];

export function default_bindings(): Record<string, string> {
  return Object.fromEntries(kActions.map((a) => [a.id, a.binding]));
}

export function action_by_id(id: string): Action | undefined {
  return kActions.find((a) => a.id === id);
}
