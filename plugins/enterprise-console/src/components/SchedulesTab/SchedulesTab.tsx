import Typography from '@material-ui/core/Typography';
import { Route, Routes } from 'react-router-dom';

/**
 * The scheduled reports of the chosen account; `schedules/<id>` opens one
 * (the link of every scheduled report's email).
 *
 * @public
 */
export function SchedulesTab() {
  return (
    <Routes>
      <Route path="/" element={<Typography>Schedules</Typography>} />
      <Route path=":scheduleId" element={<Typography>Schedule</Typography>} />
    </Routes>
  );
}
