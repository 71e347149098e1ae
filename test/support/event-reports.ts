/** Three outlets' reports of one event, for the delivery-by-event tests. */

export const FIRST = {
  source: 'Outlet A',
  title: 'Flood closes the Rhine bridge at Basel',
  body: 'The Rhine bridge at Basel was closed on Tuesday after the river rose over its banks.\n\nTraffic was sent through the old town while engineers checked the piers.',
};
/** The same facts in other words: no development. */
export const COPY = {
  source: 'Outlet B',
  title: 'Basel shuts Rhine bridge as river floods',
  body: 'The Rhine bridge at Basel was closed on Tuesday after the river rose over its banks.\n\nTraffic went through the old town while engineers checked the piers.',
};
/** New names, numbers and sentences: a development. */
export const NEWS = {
  source: 'Outlet C',
  title: 'Twelve rescued from Rhine flood as Basel mayor orders evacuation',
  body: 'Rescue crews pulled 12 people from flooded cellars in Kleinbasel overnight, and mayor Conradin Cathomen ordered 340 homes along the river evacuated.\n\nThe Federal Office for the Environment expects the Rhine to crest on Thursday at 8.9 metres.',
};
